// How a scenario value is shown in an input and read back. show(value, input) gives the input's state
// (a string, or a boolean for a checkbox), or undefined when the input cannot hold the value; absent
// values (undefined) always show, as the input's empty or default state. read(input) gives the value,
// undefined for "not given", or an Unreadable for text that is no value.

/** Typed text that is no value: the field says why; the scenario keeps the text. */
export class Unreadable {
  constructor(text, message) {
    this.text = text;
    this.message = message;
  }
}

const isBoolean = (value) => typeof value === "boolean";

const empty = (value) => value === undefined || value === null; // null: not known, as the contract writes it

/** text, dates and selects: a string, kept only if the input takes it (a date input or a select drops what it cannot show). */
export const TEXT = {
  show: (value) => (empty(value) ? "" : typeof value === "string" ? value : undefined),
  read: (input) => input.value || undefined,
};

/** A number as people type it: "3.5" and "3,5" are 3.5; "1,000" could be a thousand or one, so it is asked. */
export const NUMBER = {
  show: (value) => (empty(value) ? "" : typeof value === "string" || Number.isFinite(value) ? String(value) : undefined),
  read(input) {
    const text = input.value.trim();
    if (!text) return undefined;
    if (/^\d{1,3}(,\d{3})+$/.test(text)) {
      return new Unreadable(text, `"${text}" could be read two ways: write ${text.replaceAll(",", "")} for that many, or use a point for a decimal (${text.replace(",", ".")})`);
    }
    const decimal = /^-?\d+,\d+$/.test(text) ? text.replace(",", ".") : text; // a decimal comma
    if (/^-?(\d+(\.\d*)?|\.\d+)$/.test(decimal)) return Number(decimal);
    return new Unreadable(text, `"${text}" cannot be read as a number: write it with digits, like 3.5`);
  },
};

/** A select whose default option means "not given" (the scenario's options). */
export const OPTION = {
  show: (value, input) => (value === undefined ? input.dataset.default : typeof value === "string" ? value : undefined),
  read: (input) => (input.value === input.dataset.default ? undefined : input.value),
};

/** A box ticked unless the value is false (approved, in_scope: true when not given). */
export const TICKED_UNLESS_FALSE = {
  show: (value) => (value === undefined ? true : isBoolean(value) ? value : undefined),
  read: (input) => (input.checked ? undefined : false),
};

/** A box ticked only for true (options and the data's activity flags: false when not given). */
export const TICKED_IF_TRUE = {
  show: (value) => (value === undefined ? false : isBoolean(value) ? value : undefined),
  read: (input) => input.checked || undefined,
};

/** A box whose answer is always given once the person has answered (the CPR/AED card's hands-on check). */
export const ANSWER = {
  show: (value) => (value === undefined ? true : isBoolean(value) ? value : undefined),
  read: (input) => input.checked,
};

/** Shows `value` in `input` through `codec`; false (and the input empty) when the input cannot hold it. */
export function showIn(input, codec, value) {
  const shown = codec.show(value, input);
  if (input.type === "checkbox") {
    input.checked = shown ?? codec.show(undefined, input);
    return shown !== undefined;
  }
  input.value = shown ?? "";
  if (shown !== undefined && input.value === shown) return true;
  input.value = codec.show(undefined, input) ?? "";
  return false;
}
