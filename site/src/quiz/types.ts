/** One multiple-choice question of a chapter's quiz. */
export interface QuizQuestion {
  /** The question (plain text; `code` in backticks is shown as code). */
  readonly question: string;
  readonly choices: readonly string[];
  /** Index of the right choice. */
  readonly answer: number;
  /** Why each choice is right or wrong, one per choice, shown after answering. */
  readonly explanations: readonly string[];
}

/** Throws at build time if a quiz is malformed, so a broken quiz never ships. */
export function checkQuiz(id: string, questions: readonly QuizQuestion[]): void {
  if (questions.length === 0) throw new Error(`Quiz "${id}" has no questions`);
  questions.forEach((q, i) => {
    const where = `Quiz "${id}", question ${i + 1}`;
    if (q.choices.length < 2) throw new Error(`${where}: needs at least two choices`);
    if (!Number.isInteger(q.answer) || q.answer < 0 || q.answer >= q.choices.length) throw new Error(`${where}: answer ${q.answer} is not a choice`);
    if (q.explanations.length !== q.choices.length) throw new Error(`${where}: needs one explanation per choice`);
  });
}

/** Inline `code` in quiz text, HTML-escaped. */
export function quizTextToHtml(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return escaped.replace(/`([^`]+)`/g, "<code>$1</code>");
}
