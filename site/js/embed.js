// Embeds the recertification calculator on any site:
//   <script src="https://SITE/embed.js" data-credentials="nsca-cscs" data-theme="dark" data-accent="#0a7"></script>
// inserts an iframe of SITE/widget/ after the script, sized to its content. The host page
// also gets the contract's window.Recert (ready, evaluate, version) and the recert:ready
// event, served by the first widget on the page; nothing leaves the browser.
(() => {
  const OPTIONS = ["organization", "credentials", "theme", "accent"];
  const DEFAULT_HEIGHT = 720; // until the widget reports its height

  const script = document.currentScript;
  const origin = new URL(script.src).origin;
  const query = new URLSearchParams();
  for (const name of OPTIONS) if (script.dataset[name]) query.set(name, script.dataset[name]);

  const frame = document.createElement("iframe");
  frame.src = `${origin}/widget/${query.size ? `?${query}` : ""}`;
  frame.title = "Recertification calculator";
  frame.className = "recert-widget";
  frame.width = "100%";
  frame.height = String(DEFAULT_HEIGHT);
  frame.style.border = "0";
  script.after(frame);

  const fromFrame = (event) => event.source === frame.contentWindow && event.origin === origin;
  window.addEventListener("message", (event) => {
    if (fromFrame(event) && event.data?.type === "recert:resize") frame.height = String(event.data.height);
  });

  if (!window.Recert) window.Recert = hostRecert();

  /** window.Recert for the host page, evaluating through this widget. */
  function hostRecert() {
    const pending = new Map();
    let nextId = 1;
    let settle;
    let listening; // resolved when the widget takes requests, which may be before it is ready
    const heard = new Promise((resolve) => { listening = resolve; });
    const api = {
      version: null,
      ready: new Promise((resolve) => { settle = resolve; }),
      evaluate(scenario) {
        let text;
        try {
          text = JSON.stringify(scenario) ?? "null";
        } catch (error) {
          return Promise.resolve({ errors: [{ field: "", message: `Not JSON: ${error.message}` }] });
        }
        return heard.then(() => new Promise((resolve) => {
          const id = nextId++;
          pending.set(id, resolve);
          frame.contentWindow.postMessage({ type: "recert:evaluate", id, text }, origin);
        }));
      },
    };
    window.addEventListener("message", (event) => {
      if (!fromFrame(event)) return;
      if (event.data?.type === "recert:listening") {
        listening();
      } else if (event.data?.type === "recert:ready" && !api.version) {
        api.version = event.data.version;
        settle(api.version);
        window.dispatchEvent(new CustomEvent("recert:ready", { detail: api.version }));
      } else if (event.data?.type === "recert:evaluated" && pending.has(event.data.id)) {
        pending.get(event.data.id)(event.data.result);
        pending.delete(event.data.id);
      }
    });
    return api;
  }
})();
