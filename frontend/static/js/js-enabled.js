// Loaded at the top of <body>: lets GOV.UK Frontend style JavaScript-enhanced components early.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
