/** Errors the CLI reports as bad usage (exit code 2), and its help text. */

/** Bad usage: a wrong command, a missing file, an unknown lab. */
export class UsageError extends Error {}

export const HELP = `wirelab: grade and run Wirelab labs

Usage:
  wirelab labs                                  list the labs and their points
  wirelab grade <lab> <file> [options]          grade one submission
      --format text|json|junit                  text (default on a terminal), json (Gradescope results.json), junit
      --public                                  run only the public tests
      --seed N                                  seed for randomised tests (default 1)
      --hidden-visibility V                     hidden tests' visibility in json: hidden, after_due_date (default), after_published
  wirelab grade-all <lab> <dir> --csv FILE      grade every submission in a folder, each in a sandbox of its own
      --jobs N                                  how many at once (default and most: one per processor)
      --file NAME                               the file to grade in each student folder (default: <lab>.ts, else the only .ts file)
      --roster FILE                             one student per line: a "missing" row for each who submitted nothing
      --deadline SECONDS                        overall time for one student (default: far above any honest run)
      --public, --seed N                        as for grade
  wirelab run <lab> <file> [--seed N] [--pcap out.pcapng]
                                                run the lab's demo scenario, print a trace summary
  wirelab export gradescope <lab> -o autograder.zip [--hidden-visibility V] [--file NAME]
                                                a Gradescope autograder for the lab
  wirelab export class-repo -o DIR              the grader and public tests only, for students' own CI
  wirelab new-lab <id> --title "Title" [--chapter NAME] [--dir LABS_DIR]
                                                scaffold a new lab in labs/<id> (or LABS_DIR/<id>)
  wirelab init                                  make the current folder a course folder (installed package)

Every command takes --labs DIR: the folder of labs (default: labs/ of this checkout, or of
the current folder for the installed package).

Exit codes: 0 when grading completed (whatever the score), 1 on a grader fault
(grade-all: on any student's, after writing every row), 2 on bad usage.`;
