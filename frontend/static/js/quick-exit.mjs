// "Leave this site quickly": the button, Shift pressed three times, or Escape.
// The page is replaced in the browser's history (location.replace), so Back does not return
// to it; the address it goes to (/s/<slug>/leave/) ends the visit on the server and sends the
// browser to a neutral site. Without JavaScript the button is a plain link to that address.
const button = document.querySelector("[data-quick-exit]");
const status = document.querySelector("[data-quick-exit-status]");
const SHIFT_PRESSES = 3;
const SHIFT_WINDOW_MS = 5000;

function announce(text) {
  if (status) status.textContent = text;
}

function leave() {
  announce(button.dataset.leaving);
  document.body.hidden = true; // nothing of the page stays on screen while the next one loads
  window.location.replace(button.href);
}

// Escape belongs to the control when it closes or clears something: a list that is open,
// text being composed, a search box, a dialog, or anything that handled the key itself.
function escapeBelongsToControl(event) {
  const target = event.target instanceof Element ? event.target : null;
  if (event.defaultPrevented || event.isComposing) return true;
  if (!target) return false;
  if (target.matches("select, input[type=search], input[list]")) return true;
  return Boolean(
    target.closest(
      '[aria-expanded="true"], [role=combobox], [role=listbox], [role=menu], dialog[open]',
    ),
  );
}

if (button) {
  let presses = 0;
  let timer = 0;
  button.addEventListener("click", (event) => {
    event.preventDefault();
    leave();
  });
  // On window, so a control's own Escape handling (on the element) runs first.
  window.addEventListener("keydown", (event) => {
    if (event.key === "Shift") {
      if (event.repeat) return;
      presses += 1;
      window.clearTimeout(timer);
      if (presses >= SHIFT_PRESSES) {
        leave();
        return;
      }
      announce(presses === 1 ? button.dataset.pressTwoMoreTimes : button.dataset.pressOneMoreTime);
      timer = window.setTimeout(() => {
        presses = 0;
        announce("");
      }, SHIFT_WINDOW_MS);
      return;
    }
    presses = 0;
    if (event.key === "Escape" && !event.altKey && !event.ctrlKey && !event.metaKey) {
      if (!escapeBelongsToControl(event)) leave();
    }
  });
  // A page restored from the back-forward cache after leaving shows nothing.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && document.body.hidden) window.location.replace(button.href);
  });
}
