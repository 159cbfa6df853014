import { Construct } from 'constructs';
import { onChildRemoved } from '../../src/cdk8s/removals';

describe('onChildRemoved', () => {
  test('the listener hears each removal of a child', () => {
    const scope = new Construct(undefined as any, 'root');
    new Construct(scope, 'a');
    new Construct(scope, 'b');
    const heard = jest.fn();
    onChildRemoved(scope, heard);

    scope.node.tryRemoveChild('a');
    scope.node.tryRemoveChild('b');

    expect(heard).toHaveBeenCalledTimes(2);
  });

  test('removing a child that is not there is not heard', () => {
    const scope = new Construct(undefined as any, 'root');
    const heard = jest.fn();
    onChildRemoved(scope, heard);

    expect(scope.node.tryRemoveChild('missing')).toBe(false);
    expect(heard).not.toHaveBeenCalled();
  });

  test('a listener added twice is called once per removal', () => {
    const scope = new Construct(undefined as any, 'root');
    new Construct(scope, 'a');
    const heard = jest.fn();
    onChildRemoved(scope, heard);
    onChildRemoved(scope, heard);

    scope.node.tryRemoveChild('a');

    expect(heard).toHaveBeenCalledTimes(1);
  });

  test('the child is still removed', () => {
    const scope = new Construct(undefined as any, 'root');
    new Construct(scope, 'a');
    onChildRemoved(scope, () => undefined);

    expect(scope.node.tryRemoveChild('a')).toBe(true);
    expect(scope.node.tryFindChild('a')).toBeUndefined();
  });
});
