/**
 * A Proxy constructor that remembers what it makes. A browser offers no way
 * to tell a proxy from its target (Node has `util.types.isProxy`), yet the
 * sandbox must not run a learner's traps while it formats or checks their
 * values. So the learner's compartment gets this constructor in place of
 * the real one, and the realm asks it which objects are proxies. What it
 * makes are real proxies, so the learner's code works as it would anywhere.
 */

/** The recording constructor and the question it answers. */
export interface TrackedProxy {
  readonly Proxy: ProxyConstructor;
  isProxy(value: object): boolean;
}

/** A fresh, hardened recording Proxy constructor (call after lockdown). */
export function trackedProxyConstructor(): TrackedProxy {
  const RealProxy = Proxy;
  const made = new WeakSet<object>();

  function TrackingProxy(this: unknown, target: object, handler: ProxyHandler<object>): object {
    if (new.target === undefined) throw new TypeError("Constructor Proxy requires 'new'");
    const proxy = new RealProxy(target, handler);
    made.add(proxy);
    return proxy;
  }
  const revocable = (target: object, handler: ProxyHandler<object>): { proxy: object; revoke: () => void } => {
    const pair = RealProxy.revocable(target, handler);
    made.add(pair.proxy);
    return pair;
  };
  Object.defineProperties(TrackingProxy, {
    name: { value: "Proxy" },
    revocable: { value: revocable, writable: true, configurable: true },
  });
  return {
    Proxy: harden(TrackingProxy) as unknown as ProxyConstructor,
    isProxy: (value) => made.has(value),
  };
}
