// "Copy the code" and "Print this page" beside a resume code: shown only where the browser can
// do them. Without JavaScript the code is plain text to write down or select.
import "./copy-link.mjs";

for (const button of document.querySelectorAll("[data-print]")) {
  if (typeof window.print !== "function") continue;
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
