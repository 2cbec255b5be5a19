type Method = (this: unknown, ...args: unknown[]) => unknown;

/** Replaces a method by `around`, which is given the native method, the object and the arguments of each call. */
export function replaceMethod(owner: object | undefined, method: string, around: (native: Method, self: any, args: unknown[]) => unknown): void {
  const target = owner as Record<string, Method> | undefined;
  const native = target?.[method];
  if (native) {
    target[method] = likeNative(function (this: unknown, ...args: unknown[]) {
      return around(native, this, args);
    }, native);
  }
}

/** A wrapper keeps the name and arity of what it wraps, which libraries read to tell a function (`fetch.name`). */
export function likeNative<T extends Function>(wrapper: T, native: Function): T {
  for (const key of ['name', 'length']) Object.defineProperty(wrapper, key, { value: (native as any)[key] });
  return wrapper;
}

/** Replaces a method so `before` sees (and may rewrite) the arguments of every call first, and `after` sees them and the result once it ran. */
export function wrapMethod(owner: object | undefined, method: string, before: (args: unknown[], self: any) => void, after?: (args: unknown[], self: any, result: any) => void): void {
  replaceMethod(owner, method, (native, self, args) => {
    before(args, self);
    const result = native.apply(self, args);
    after?.(args, self, result);
    return result;
  });
}

/** Replaces a property's setter where `object` inherits it from; `set` decides whether (and with what) the native setter runs. */
export function wrapSetter(object: object | undefined, property: string, set: (self: any, value: unknown, nativeSet: (value: unknown) => void) => void): void {
  const [owner, descriptor] = ownDescriptor(object, property);
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

/** Replaces a property's getter where `object` inherits it from; it returns what `get` makes of the native getter's value (and the object it was read from). */
export function wrapGetter(object: object | undefined, property: string, get: (value: any, self: any) => unknown): void {
  const [owner, descriptor] = ownDescriptor(object, property);
  const nativeGet = descriptor?.get;
  if (nativeGet) {
    Object.defineProperty(owner, property, {
      ...descriptor,
      get(this: unknown) {
        return get(nativeGet.call(this), this);
      },
    });
  }
}

function ownDescriptor(object: object | undefined, property: string): [object | undefined, PropertyDescriptor | undefined] {
  let owner: object | null | undefined = object;
  while (owner && !Object.hasOwn(owner, property)) owner = Object.getPrototypeOf(owner);
  return [owner ?? undefined, owner ? Object.getOwnPropertyDescriptor(owner, property) : undefined];
}

/**
 * Replaces a global constructor so `before` sees (and may rewrite, or refuse by throwing) its arguments, and may
 * return what to do with the object made; objects are still the native class's, and subclasses still construct.
 */
export function wrapConstructor(realm: any, name: string, before: (args: unknown[]) => ((made: any) => void) | void): void {
  const Native = realm[name];
  if (!Native) return;
  const Wrapped = function (this: unknown, ...args: unknown[]) {
    const after = before(args);
    const made = Reflect.construct(Native, args, new.target === Wrapped || !new.target ? Native : new.target);
    after?.(made);
    return made;
  };
  Wrapped.prototype = Native.prototype;
  Object.setPrototypeOf(Wrapped, Native);
  realm[name] = likeNative(Wrapped, Native);
  // Every object made reaches its class through `constructor` too (Audio's prototype is another class's, which stays).
  if (Native.prototype.constructor === Native) Native.prototype.constructor = Wrapped;
}
