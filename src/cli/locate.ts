import { Document, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import { Diagnostic, SourceLocation } from '../diagnostics/diagnostic';
import { pairOf, resolved } from '../spec/yaml-merge';

/**
 * Finds where a field of a spec file is written, from the field paths that
 * rules report (`nodes[0].ovs.socketMem`), so that every finding of a spec
 * file carries a line, not only those of the schema check.
 */
export class SpecLocator {
  /**
   * @param text the spec file's content
   * @param file the file name to report
   */
  public static fromText(text: string, file: string): SpecLocator {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, merge: true });
    return new SpecLocator(doc, lines, file);
  }

  private constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly file: string,
  ) {}

  /**
   * The place of a field: its key for a map entry, its first character for a
   * list item. A field left out of the file (a default the rule checked) is
   * placed at the nearest enclosing field that is written.
   *
   * @returns undefined for the empty path (the whole spec) and for a file
   *   whose top level is not a mapping
   */
  public locate(path: string): SourceLocation | undefined {
    return this.find(path).location;
  }

  /**
   * The findings, each placed at its field. A finding that already has a
   * place keeps it unless its field is written in the file: the schema check
   * places an unknown key at its value, a line too low for a nested map.
   */
  public addLocations(diagnostics: readonly Diagnostic[]): Diagnostic[] {
    return diagnostics.map((d) => {
      const found = this.find(d.path);
      if (found.location === undefined || (d.location !== undefined && !found.exact)) {
        return d;
      }
      return { ...d, location: found.location };
    });
  }

  private find(path: string): { location?: SourceLocation; exact: boolean } {
    let node: unknown = this.doc.contents;
    let offset: number | undefined;
    const segments = pathSegments(path);
    let depth = 0;
    for (const segment of segments) {
      const pair = pairOf(this.doc, node, segment);
      if (pair !== undefined) {
        offset = (pair.key as Node).range?.[0];
        node = resolved(this.doc, pair.value);
      } else if (isSeq(node) && /^\d+$/.test(segment)) {
        const item = node.items[Number(segment)] as Node | undefined;
        if (item === undefined) {
          break;
        }
        offset = item.range?.[0];
        node = item;
      } else {
        break;
      }
      depth++;
    }
    return {
      ...(offset !== undefined && { location: this.at(offset) }),
      exact: depth === segments.length,
    };
  }

  private at(offset: number): SourceLocation {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }
}

/** `nodes[0].ovs.socketMem` → `['nodes', '0', 'ovs', 'socketMem']`. */
export function pathSegments(path: string): string[] {
  return [...path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((m) => m[1] ?? m[2]);
}
