// On a page with islands: loads the browser module, then hydrates each <leptos-island> in
// document order, an island nested in another's server-rendered children after its parent (whose
// children element then carries the owner the nested island's context comes from). Marks the
// body once every island is live (and says so with an `islands-hydrated` event on the document:
// islands that share live state wait for it before changing anything their nested islands,
// whose code may still be loading, hydrate against). Pages without islands load no code at all.
((js, wasm) => {
  // Forms that record what the page showed (a conversation read) are sent at once; without
  // scripts the member's click sends them.
  for (const form of document.querySelectorAll("form[data-auto-post]")) {
    fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form)), headers: { Accept: "application/json" } })
      .then((answer) => answer.ok && form.remove(), () => {});
  }
  const ready = () => {
    document.body.setAttribute("data-hydrated", "true");
    document.dispatchEvent(new Event("islands-hydrated"));
  };
  if (!document.querySelector("leptos-island")) return ready();
  const walk = async (mod, node, owners) => {
    for (const el of node.children) {
      if (el.localName === "leptos-island") {
        const hydrate = mod[el.dataset.component];
        if (hydrate) {
          owners.at(-1)?.();
          await hydrate(el);
        } else {
          console.warn("techx: no code for island", el.dataset.component);
        }
        await walk(mod, el, owners);
      } else if (el.localName === "leptos-children") {
        await walk(mod, el, [...owners, el.$$on_hydrate]);
      } else {
        await walk(mod, el, owners);
      }
    }
  };
  const start = async () => {
    const mod = await import(js);
    await mod.default({ module_or_path: wasm });
    mod.hydrate();
    await walk(mod, document.body, []);
    ready();
  };
  "requestIdleCallback" in window ? requestIdleCallback(start, { timeout: 1000 }) : start();
})
