/**
 * A memo of one answer per object, kept on the object itself under a private symbol (not enumerable, so copies,
 * JSON and deep equality do not see it). A WeakMap with one entry per instruction or shell command made the
 * garbage collector's pass over weak tables a large part of linting a big Dockerfile; a property costs nothing to
 * collect. Frozen objects (which cannot take the property) fall back to a WeakMap.
 */
export interface ObjectMemo<K extends object, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
}

export function objectMemo<K extends object, V>(name: string): ObjectMemo<K, V> {
  const slot = Symbol(name);
  let frozen: WeakMap<K, V> | undefined;
  // one descriptor for every set (defineProperty reads it at once): a new one per call was garbage on every memo
  const descriptor: PropertyDescriptor = { value: undefined, writable: true, configurable: true, enumerable: false };
  return {
    get: (key) => (key as Record<symbol, V | undefined>)[slot] ?? frozen?.get(key),
    set: (key, value) => {
      if (Object.isExtensible(key)) {
        descriptor.value = value;
        Object.defineProperty(key, slot, descriptor);
        descriptor.value = undefined;
      } else (frozen ??= new WeakMap()).set(key, value);
    },
  };
}
