/**
 * Makes every quiz on the page answerable: choosing an answer shows whether
 * it is right and every choice's explanation, and records it in the
 * learner's progress; answers given earlier are shown again on load.
 */
import { loadProgress, recordAnswer } from "../progress/store.ts";

export function setUpQuizzes(root: ParentNode = document): void {
  for (const quiz of root.querySelectorAll<HTMLElement>("[data-quiz]")) setUpQuiz(quiz);
}

function setUpQuiz(quiz: HTMLElement): void {
  const id = quiz.dataset.quiz ?? "";
  const saved = loadProgress().quizzes[id];
  const questions = [...quiz.querySelectorAll<HTMLElement>("[data-question]")];
  questions.forEach((question, index) => {
    const answer = Number(question.dataset.answer);
    const show = (choice: number) => {
      question.dataset.chosen = String(choice);
      question.dataset.result = choice === answer ? "right" : "wrong";
      for (const input of question.querySelectorAll<HTMLInputElement>("input[type=radio]")) {
        input.checked = Number(input.value) === choice;
      }
      updateScore(quiz, questions);
    };
    const previous = saved?.answers[String(index)];
    if (previous !== undefined) show(previous);
    question.addEventListener("change", (event) => {
      const input = event.target as HTMLInputElement;
      const choice = Number(input.value);
      show(choice);
      recordAnswer(id, index, choice, choice === answer);
    });
  });
}

function updateScore(quiz: HTMLElement, questions: HTMLElement[]): void {
  const answered = questions.filter((q) => q.dataset.result !== undefined);
  const right = answered.filter((q) => q.dataset.result === "right").length;
  const score = quiz.querySelector("[data-quiz-score]");
  if (score !== null) score.textContent = `${right} of ${questions.length} right${answered.length < questions.length ? ` (${questions.length - answered.length} to go)` : ""}`;
}
