// "Did you already recertify for the cycle that ended on ...?": asked per credential only when the
// rules say the answer matters (the result's renewal_question: {deadline, yes, no}), or when the
// scenario already holds an answer (credentials[].renewed_through). The answer is kept on the
// credential's row (data-renewed-through) and read into the scenario by scenario-form.js.
// Two looks: while the deadline's windows are open (the result is that cycle's, late) the question is
// asked outright; once they have closed (the result is a later cycle's and assumes the renewal), it is a
// folded line saying what is assumed, whose Yes/No open on demand: the answer still matters (no: expired).
import { longDate } from "./dom.js";

const parseQuestion = (row) => (row.dataset.question ? JSON.parse(row.dataset.question) : null);

/** Shows the row's question as its data says: the question with the answer ticked, the assumption
 * folded (no answer yet, windows closed), or the answer alone. */
export function showRenewal(row) {
  const box = row.querySelector("[data-renewal]");
  const question = parseQuestion(row);
  const answer = row.dataset.renewedThrough ?? "";
  box.hidden = !question && !answer;
  const [yes, no] = box.querySelectorAll("[type=radio]");
  const answers = box.querySelector("[data-renewal-answers]");
  answers.hidden = !question;
  const look = question?.closed && !answer ? "assumed" : "asked";
  if (look !== box.dataset.look) answers.open = look === "asked"; // folded on becoming an assumption, not on every result
  box.dataset.look = look;
  box.querySelector("[data-renewal-forget]").hidden = Boolean(question) || !answer;
  const legend = box.querySelector("[data-renewal-question]");
  if (look === "assumed") {
    legend.textContent = `Assumed: you recertified for the cycle that ended on ${longDate(question.deadline)}.`;
    yes.checked = no.checked = false;
  } else if (question) {
    legend.textContent = `Did you already recertify for the cycle that ended on ${longDate(question.deadline)}?`;
    yes.checked = answer !== "" && answer === question.yes;
    no.checked = answer !== "" && answer === question.no;
  } else if (answer) {
    legend.textContent = `You said the last cycle you completed ended on ${longDate(answer)}.`;
  }
}

/** Forgets a row's question and answer, then shows the answer `renewedThrough` (from a loaded scenario). */
export function resetRenewal(row, renewedThrough) {
  delete row.dataset.question;
  if (renewedThrough) row.dataset.renewedThrough = renewedThrough;
  else delete row.dataset.renewedThrough;
  showRenewal(row);
}

/** Keeps each credential's question in step with the results; an answer re-evaluates (through an input event). */
export function renewalQuestions(form) {
  const rowOf = (id) => [...form.querySelectorAll("[data-credential]")]
    .find((row) => row.querySelector("[name=credential]").value === id);

  function answered(row, value) {
    if (value) row.dataset.renewedThrough = value;
    else delete row.dataset.renewedThrough;
    showRenewal(row);
    form.dispatchEvent(new Event("input", { bubbles: true })); // the scenario changed
  }

  form.addEventListener("change", (event) => {
    const box = event.target.closest("[data-renewal]");
    if (!box || event.target.type !== "radio") return;
    const row = box.closest("[data-credential]");
    answered(row, parseQuestion(row)?.[event.target.value]);
  });
  form.addEventListener("input", (event) => { // new dates: the question was about another cycle
    if (["certified_on", "expires_on"].includes(event.target.name)) resetRenewal(event.target.closest("[data-credential]"), null);
  });
  form.addEventListener("click", (event) => {
    const button = event.target.closest("[data-renewal-forget]");
    if (button) answered(button.closest("[data-credential]"), null);
  });

  /** After a result: remember each credential's question (a question asked once stays while it has an answer),
   * and whether that deadline's windows have closed: the result is then a later cycle's. */
  function update(result) {
    for (const credential of result.credentials ?? []) {
      const row = rowOf(credential.id);
      if (!row) continue;
      const question = credential.renewal_question;
      if (question) row.dataset.question = JSON.stringify({ ...question, closed: credential.deadline !== question.deadline });
      else if (!row.dataset.renewedThrough) delete row.dataset.question;
      showRenewal(row);
    }
  }

  return { update };
}
