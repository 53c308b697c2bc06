/**
 * Makes every quiz on the page answerable. A learner picks a choice and
 * presses Check: the choice is marked right or wrong and explained. A wrong
 * answer does not give the right one away: the learner tries again, and the
 * right one is shown once they ask or once every wrong one has been tried.
 * The score counts first attempts. Everything checked is kept in the
 * learner's progress, so a reload shows the same state.
 */
import { loadProgress, recordAnswer, recordReveal, type QuizProgress } from "../progress/store.ts";

export function setUpQuizzes(root: ParentNode = document): void {
  for (const quiz of root.querySelectorAll<HTMLElement>("[data-quiz]")) setUpQuiz(quiz);
}

/** The page's entry id ("tcp-udp/udp"), the key chapters are read under. */
function pageId(): string {
  return location.pathname.replace(/^\/+|\/+$/g, "");
}

function setUpQuiz(quiz: HTMLElement): void {
  const id = quiz.dataset.quiz ?? "";
  const saved = safeSaved(id);
  const questions = [...quiz.querySelectorAll<HTMLElement>("[data-question]")];
  const place = { page: pageId(), questions: questions.length };
  questions.forEach((question, index) => {
    const key = String(index);
    const answer = Number(question.dataset.answer);
    const choices = [...question.querySelectorAll<HTMLElement>("[data-choice]")];
    const feedback = question.querySelector<HTMLElement>("[data-feedback]");
    const reveal = question.querySelector<HTMLButtonElement>("[data-reveal]");
    const check = question.querySelector<HTMLButtonElement>("[data-check]");
    const tried = new Set<number>(saved?.tried?.[key] ?? (saved?.answers[key] !== undefined ? [saved.answers[key]] : []));
    let revealed = saved?.revealed?.[key] === true;
    if (saved?.correct[key] !== undefined) question.dataset.result = saved.correct[key] ? "right" : "wrong";

    const render = (announce: string | undefined, from?: HTMLButtonElement | null) => {
      const solved = tried.has(answer);
      const wrongs = choices.length - 1;
      const allWrongTried = [...tried].filter((c) => c !== answer).length >= wrongs;
      const shown = solved || revealed || allWrongTried;
      question.dataset.state = solved ? "solved" : shown ? "revealed" : tried.size > 0 ? "trying" : "open";
      for (const choice of choices) {
        const c = Number(choice.dataset.choice);
        const verdict = tried.has(c) ? (c === answer ? "right" : "wrong") : shown && c === answer ? "answer" : undefined;
        if (verdict === undefined) delete choice.dataset.verdict;
        else choice.dataset.verdict = verdict;
        const mark = choice.querySelector<HTMLElement>("[data-mark]");
        if (mark !== null) mark.textContent = verdict === "right" ? "Right" : verdict === "wrong" ? "Not this one" : verdict === "answer" ? "The right answer" : "";
        const input = choice.querySelector<HTMLInputElement>("input");
        if (input !== null) input.disabled = shown;
      }
      if (check !== null) check.hidden = shown;
      if (reveal !== null) reveal.hidden = shown || tried.size === 0;
      if (feedback !== null && announce !== undefined) feedback.textContent = announce;
      // A button that just hid itself would drop focus to the page body: keep it in the question.
      if (from?.hidden === true) feedback?.focus();
      updateScore(quiz, questions);
    };

    const selected = () => question.querySelector<HTMLInputElement>("input:checked");
    check?.addEventListener("click", () => {
      const input = selected();
      if (input === null) {
        render("Choose an answer, then press Check.");
        return;
      }
      const choice = Number(input.value);
      const right = choice === answer;
      if (question.dataset.result === undefined) question.dataset.result = right ? "right" : "wrong";
      tried.add(choice);
      try {
        recordAnswer(id, index, choice, right, localStorage, place);
      } catch {
        // Storage may be unavailable (private mode, quota): the quiz still works on this page.
      }
      const left = choices.length - 1 - [...tried].filter((c) => c !== answer).length;
      render(
        right
          ? "Right: the explanation is under your answer."
          : left > 0
            ? "Not quite: read why under your answer, then try another one."
            : "Not quite. That was the last wrong answer, so the right one is now marked.",
        check,
      );
    });
    reveal?.addEventListener("click", () => {
      revealed = true;
      try {
        recordReveal(id, index);
      } catch {
        // As above: the page still shows the answer.
      }
      render("The right answer is marked, with why each answer is right or wrong.", reveal);
    });
    // A new pick clears the last verdict's words so they never describe another choice.
    question.addEventListener("change", () => {
      if (feedback !== null) feedback.textContent = "";
    });
    render(undefined);
  });
}

function safeSaved(id: string): QuizProgress | undefined {
  try {
    return loadProgress().quizzes[id];
  } catch {
    return undefined;
  }
}

/** "2 of 5 right on the first try (3 to go)": the score counts first attempts only. */
function updateScore(quiz: HTMLElement, questions: HTMLElement[]): void {
  const answered = questions.filter((q) => q.dataset.result !== undefined);
  const right = answered.filter((q) => q.dataset.result === "right").length;
  const score = quiz.querySelector("[data-quiz-score]");
  const toGo = questions.length - answered.length;
  if (score !== null) score.textContent = `${right} of ${questions.length} right on the first try${toGo > 0 ? ` (${toGo} to go)` : ""}`;
}
