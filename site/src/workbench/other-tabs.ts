/**
 * Two tabs on the same lab would overwrite each other's saved code without
 * a word (both save on every keystroke). Each workbench announces itself
 * on a BroadcastChannel named after the lab and answers the others, so
 * both tabs learn of each other and say so; a tab that closes says goodbye.
 */

export interface OtherTabs {
  /** How many other tabs have this lab open now. */
  readonly count: number;
}

export function watchOtherTabs(lab: string, onChange: (others: number) => void): OtherTabs {
  const state = { count: 0 };
  if (typeof BroadcastChannel === "undefined") return state;
  const me = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const others = new Set<string>();
  const channel = new BroadcastChannel(`wirelab-lab:${lab}`);
  const changed = () => {
    state.count = others.size;
    onChange(others.size);
  };
  channel.addEventListener("message", (event: MessageEvent<{ type: string; from: string }>) => {
    const { type, from } = event.data;
    if (from === me) return;
    if (type === "bye") {
      if (others.delete(from)) changed();
      return;
    }
    if (!others.has(from)) {
      others.add(from);
      changed();
    }
    if (type === "hello") channel.postMessage({ type: "here", from: me });
  });
  channel.postMessage({ type: "hello", from: me });
  window.addEventListener("pagehide", () => channel.postMessage({ type: "bye", from: me }));
  return state;
}
