-o follows a symlink and replaces the file it points to (the link stays a link); a file keeps its
mode; a read-only file (0444) is refused even for root; anything that is not a regular file
(/proc/self/fd/1, /dev/null) is written straight through, never replaced; fmt rewrites the target
of a symlinked ruleset.
  $ cp "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" facts.json
  $ R="$SRC/rulesets/guangzhou/2023.rubric"
  $ echo old > real.md && ln -s real.md link.md
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" facts.json --format md -o link.md
  facts.json: wrote link.md
  $ test -L link.md && head -c 3 real.md | od -c | head -1
  0000000   #     345
  $ echo old > private.md && chmod 0600 private.md
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" facts.json --format md -o private.md && stat -c %a private.md
  facts.json: wrote private.md
  600
  $ echo old > ro.md && chmod 0444 ro.md
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" facts.json --format md -o ro.md
  error: ro.md is read-only (mode 0444): rubric does not replace a file that may not be written [E1004]
    = help: write to another file, or make this one writable first (chmod u+w ro.md)
  [5]
  $ cat ro.md && stat -c %a ro.md
  old
  444
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" facts.json --format csv -o /proc/self/fd/1 | wc -l
  facts.json: wrote /proc/self/fd/1
  29
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" facts.json --format csv -o /dev/null && test -c /dev/null && echo still a device
  facts.json: wrote /dev/null
  still a device
  $ printf 'ruleset "t" scheme t year 2023\nsection S points 1 {   indicator I points 1 { score 1 } }\n' > real.rubric && ln -s real.rubric link.rubric
  $ rubric fmt link.rubric && test -L link.rubric && cat real.rubric
  link.rubric: formatted
  ruleset "t" scheme t year 2023
  section S points 1 {
    indicator I points 1 {
      score 1
    }
  }
  $ ls -a
  .
  ..
  facts.json
  link.md
  link.rubric
  private.md
  real.md
  real.rubric
  ro.md
