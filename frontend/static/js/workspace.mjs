// The researcher workspace, enhanced. Everything works without this file.
//
// After "Move up" or "Move down" the server sends the researcher back to the item that moved
// (#question-12). Browsers scroll there but leave focus at the top of the page, so a keyboard
// user would have to Tab all the way back: focus the item instead.
function focusTarget() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (target && target.getAttribute("tabindex") === "-1") {
    target.focus();
  }
}

focusTarget();
