import { ApiObject, GroupVersionKind, IAnyProducer, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { objectKey } from './members';
import { ManifestObject } from '../render/types';

/** Props of {@link RenderedObject}. @internal */
export interface RenderedObjectProps {
  /** API version and kind, known before synthesis. */
  readonly gvk: GroupVersionKind;
  /** `metadata.name`, known before synthesis. */
  readonly name: string;
  /**
   * `metadata.namespace`, known before synthesis.
   *
   * @default - cluster-scoped
   */
  readonly namespace?: string;
  /** Looks the object up in the cluster's synthesis by its key. */
  readonly source: (key: string) => ManifestObject;
}

/** The fields every rendered object carries besides its body. */
const ENVELOPE = ['apiVersion', 'kind', 'metadata'];

const RENDERED = Symbol.for('vhost-user-k8s.RenderedObject');

/**
 * Whether a construct is a {@link RenderedObject}. (`instanceof` cannot tell:
 * `ApiObject` answers it for every API object.)
 *
 * @internal
 */
export function isRenderedObject(x: unknown): x is RenderedObject {
  return typeof x === 'object' && x !== null && RENDERED in x;
}

/**
 * An `ApiObject` whose content the core renders at synth time.
 *
 * Identity (kind, name, namespace) is fixed when the construct is created, so
 * the object is in the tree from the start and `ApiObject.of()` and
 * `addJsonPatch()` work on it. The body (`spec`) is a `Lazy` value, and the
 * core's labels and annotations are copied into `metadata` when the object is
 * serialized: they win over `metadata.addLabel()` calls with the same key,
 * while JSON patches, applied last, win over everything.
 *
 * Values pass through JSON first, so that model values (sizes, addresses)
 * reach cdk8s as the plain strings the other adapters write.
 *
 * @internal
 */
export class RenderedObject extends ApiObject {
  /** Kind, namespace and name of the object in the cluster's synthesis. */
  public readonly renderedKey: string;

  private readonly source: (key: string) => ManifestObject;

  public constructor(scope: Construct, id: string, props: RenderedObjectProps) {
    const key = objectKey(props.gvk.kind, props.name, props.namespace);
    super(scope, id, {
      apiVersion: props.gvk.apiVersion,
      kind: props.gvk.kind,
      metadata: { name: props.name, namespace: props.namespace },
      spec: Lazy.any(new RenderedSpec(props.source, key)),
    });
    this.renderedKey = key;
    this.source = props.source;
    Object.defineProperty(this, RENDERED, { value: true });
  }

  /** Serializes the object, with the core's labels and annotations. */
  public override toJson(): any {
    const manifest = this.source(this.renderedKey);
    const extra = Object.keys(manifest).filter((k) => !ENVELOPE.includes(k) && k !== 'spec');
    if (manifest.apiVersion !== this.apiVersion || extra.length > 0) {
      throw new Error(`${this.node.path}: the rendered ${this.renderedKey} has apiVersion `
        + `${manifest.apiVersion} and fields [${extra.join(', ')}] that this construct `
        + `cannot carry (it was created as ${this.apiVersion} with a spec only)`);
    }

    for (const [key, value] of Object.entries(manifest.metadata.labels ?? {})) {
      this.metadata.addLabel(key, value);
    }
    for (const [key, value] of Object.entries(manifest.metadata.annotations ?? {})) {
      this.metadata.addAnnotation(key, value);
    }
    return super.toJson();
  }
}

/** The body of a rendered object, looked up when cdk8s resolves it. */
class RenderedSpec implements IAnyProducer {
  public constructor(
    private readonly source: (key: string) => ManifestObject,
    private readonly key: string,
  ) {}

  public produce(): unknown {
    return plain(this.source(this.key).spec);
  }
}

/**
 * The JSON form of a value, which is what every adapter writes. A value that
 * is JSON data already is its own JSON form: cdk8s copies it as it resolves
 * it, so it is handed over as it is, without a round trip through text.
 */
function plain(value: unknown): unknown {
  if (value === undefined || isJsonData(value)) {
    return value;
  }
  return JSON.parse(JSON.stringify(value));
}

/**
 * Whether `JSON.parse(JSON.stringify(value))` is a copy of a value that cdk8s
 * cannot tell from it: strings, booleans, null, finite numbers other than -0,
 * arrays without holes and plain objects of those, with no `toJSON`.
 */
function isJsonData(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) {
    return true;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || !isJsonData(value[i])) {
        return false;
      }
    }
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype || 'toJSON' in value) {
    return false;
  }
  // Inherited keys too, without an array of values: at worst (a key added to
  // Object.prototype) the value takes the round trip through text.
  for (const key in value) {
    if (!isJsonData((value as Record<string, unknown>)[key])) {
      return false;
    }
  }
  return true;
}
