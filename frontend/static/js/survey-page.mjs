// Shows and hides follow-up questions on a survey page as the respondent answers.
// The server decides what applies (it drops answers to questions that do not); this only
// saves people from reading questions that are not for them. Without JavaScript every
// follow-up shows, with a hint saying when to answer it.
import { evaluate, isTrue } from "./logic.mjs";

const GROUPING = /(?<=\d)[,\s](?=\d{3}\b)/g;
const NUMBER = /^-?\d+(\.\d+)?$/;
const WHOLE_NUMBER_TYPES = new Set(["likert", "scale_0_10"]);

function checkedValues(form, name) {
  return [...form.querySelectorAll("input")]
    .filter((input) => input.name === name && input.checked)
    .map((input) => input.value);
}

function textValue(form, name) {
  const field = form.elements.namedItem(name);
  return field && typeof field.value === "string" ? field.value.trim() : "";
}

function numberFrom(text) {
  const cleaned = text.replace(GROUPING, "");
  return NUMBER.test(cleaned) ? Number(cleaned) : null;
}

function dateFrom(form, code) {
  const [day, month, year] = ["day", "month", "year"].map((part) => textValue(form, `${code}-${part}`));
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCDate() !== Number(day) || date.getUTCMonth() !== Number(month) - 1) return null;
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

function answerOf(form, code, type) {
  switch (type) {
    case "multiple_choice": {
      const values = checkedValues(form, code);
      return values.length ? values : null;
    }
    case "single_choice":
    case "yes_no":
    case "likert":
    case "scale_0_10": {
      const [value] = checkedValues(form, code);
      if (value === undefined) return null;
      return WHOLE_NUMBER_TYPES.has(type) ? Number(value) : value;
    }
    case "dropdown":
    case "short_text":
    case "long_text":
      return textValue(form, code) || null;
    case "integer":
    case "decimal":
      return numberFrom(textValue(form, code));
    case "date":
      return dateFrom(form, code);
    default:
      return null;
  }
}

function update(form, logic) {
  const answers = { ...logic.answers };
  for (const [code, type] of Object.entries(logic.types)) {
    const value = answerOf(form, code, type);
    if (value !== null) answers[code] = value;
  }
  // In page order, so a hidden question's answer no longer counts for the ones after it.
  for (const code of Object.keys(logic.types)) {
    const condition = logic.conditions[code];
    if (!condition) continue;
    const applies = isTrue(evaluate(condition, answers));
    const block = document.getElementById(`question-${code}`);
    if (block) block.hidden = !applies;
    if (!applies) delete answers[code];
  }
}

// "Other (please specify)" under a radio: shown while that radio is chosen. GOV.UK Frontend's
// own conditional reveal would add aria-expanded, which the radio role does not allow.
function revealOtherText(form) {
  for (const block of form.querySelectorAll("[data-revealed-by]")) {
    const radio = document.getElementById(block.dataset.revealedBy);
    block.classList.toggle("govuk-radios__conditional--hidden", !(radio && radio.checked));
  }
}

// "Only if you selected … above" is for pages without JavaScript: with it, a follow-up shows
// only when it applies. The hint goes, and so does its place in aria-describedby.
function dropAppliesWhenHints(form) {
  for (const hint of form.querySelectorAll(".candour-applies-when")) {
    for (const described of form.querySelectorAll("[aria-describedby]")) {
      const ids = described.getAttribute("aria-describedby").split(/\s+/);
      if (!ids.includes(hint.id)) continue;
      const rest = ids.filter((id) => id && id !== hint.id);
      if (rest.length) described.setAttribute("aria-describedby", rest.join(" "));
      else described.removeAttribute("aria-describedby");
    }
    hint.remove();
  }
}

const form = document.getElementById("page-form");
const source = document.getElementById("candour-page-logic");
if (form && source) {
  const logic = JSON.parse(source.textContent);
  dropAppliesWhenHints(form);
  const refresh = () => {
    revealOtherText(form);
    if (Object.keys(logic.conditions).length) update(form, logic);
  };
  form.addEventListener("input", refresh);
  form.addEventListener("change", refresh);
  refresh();
}
