import { IConstruct, Node } from 'constructs';

/** The listeners of each node whose `tryRemoveChild` is watched. */
const LISTENERS = new WeakMap<Node, Set<() => void>>();

/**
 * Calls `listener` each time a child is removed from `scope`.
 *
 * `node.tryRemoveChild` is the only way a construct leaves the tree, and
 * constructs has no event for it, so the method of this one node is wrapped
 * (once, whatever the number of listeners). A listener added twice is called
 * once.
 *
 * @param scope the construct whose children are watched
 * @param listener called after each removal that took a child out
 * @internal
 */
export function onChildRemoved(scope: IConstruct, listener: () => void): void {
  const node = scope.node;
  const known = LISTENERS.get(node);
  if (known !== undefined) {
    known.add(listener);
    return;
  }

  const listeners = new Set([listener]);
  LISTENERS.set(node, listeners);
  const remove = node.tryRemoveChild.bind(node);
  node.tryRemoveChild = (childName: string): boolean => {
    const removed = remove(childName);
    if (removed) {
      listeners.forEach((notify) => notify());
    }
    return removed;
  };
}
