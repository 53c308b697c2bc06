#!/usr/bin/env bash
# Clones every student's repository for `wirelab grade-all`.
#
#   grader/ci/clone-class-repos.sh LIST DIR
#
# LIST has one line per student: "student owner/repo" ("#" starts a comment).
# Each repository is cloned (latest commit of its default branch) into
# DIR/<student>, its .git folder removed. Beside DIR it writes DIR.roster
# (every student, for --roster: a repository that cannot be cloned becomes a
# "missing" row) and DIR.commits (the commit graded, per student).
#
# GIT_TOKEN, if set, is a read-only token for the students' repositories. It
# is passed to git as a header for each clone, never written to disk.
# GIT_BASE (default https://github.com) exists for testing.
set -uo pipefail
list="${1:?usage: clone-class-repos.sh LIST DIR}"
dir="${2:?usage: clone-class-repos.sh LIST DIR}"
base="${GIT_BASE:-https://github.com}"
mkdir -p "$dir"
: > "$dir.roster"
: > "$dir.commits"
auth=()
if [ -n "${GIT_TOKEN:-}" ]; then
  basic="$(printf 'x-access-token:%s' "$GIT_TOKEN" | base64 -w0)"
  auth=(-c "http.extraHeader=Authorization: Basic $basic")
fi
failed=0
while read -r student repo _; do
  case "$student" in ''|'#'*) continue ;; esac
  if ! [[ "$student" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]]; then
    echo "skipped \"$student\": a student name is letters, digits, '.', '_' and '-'" >&2
    failed=$((failed + 1))
    continue
  fi
  echo "$student" >> "$dir.roster"
  rm -rf "${dir:?}/$student"
  if git "${auth[@]}" clone --quiet --depth 1 "$base/$repo" "$dir/$student" 2> "$dir/.clone-error"; then
    echo "$student $repo $(git -C "$dir/$student" rev-parse HEAD)" >> "$dir.commits"
    rm -rf "${dir:?}/$student/.git"
  else
    echo "could not clone $repo for $student: $(head -n 1 "$dir/.clone-error")" >&2
    rm -rf "${dir:?}/$student"
    failed=$((failed + 1))
  fi
done < "$list"
rm -f "$dir/.clone-error"
echo "Cloned $(wc -l < "$dir.commits") of $(wc -l < "$dir.roster") repositories into $dir ($failed not cloned: they get a \"missing\" row)."
