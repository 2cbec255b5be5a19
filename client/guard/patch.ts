/** Replaces a method so `before` sees (and may rewrite) the arguments of every call first. */
export function wrapMethod(owner: object, method: string, before: (args: unknown[], self: any) => void): void {
  const target = owner as Record<string, (...args: unknown[]) => unknown>;
  const native = target[method];
  if (native) {
    target[method] = function (this: unknown, ...args: unknown[]) {
      before(args, this);
      return native.apply(this, args);
    };
  }
}

/** Replaces a property's setter where `object` inherits it from; `set` decides whether (and with what) the native setter runs. */
export function wrapSetter(object: object, property: string, set: (self: any, value: unknown, nativeSet: (value: unknown) => void) => void): void {
  let owner: object | null = object;
  while (owner && !Object.hasOwn(owner, property)) owner = Object.getPrototypeOf(owner);
  const descriptor = owner && Object.getOwnPropertyDescriptor(owner, property);
  const nativeSet = descriptor?.set;
  if (nativeSet) {
    Object.defineProperty(owner, property, {
      ...descriptor,
      set(this: unknown, value: unknown) {
        set(this, value, (next) => nativeSet.call(this, next));
      },
    });
  }
}
