-o follows a symlink and replaces the file it points to (the link stays a link); a file keeps its
mode; a read-only file (0444) is refused even for root; anything that is not a regular file
(/proc/self/fd/1, /dev/null) is written straight through, never replaced; fmt rewrites the target
of a symlinked ruleset.
  $ cp "$SRC/rulesets/guangzhou/examples/guangzhou-internet-court-2023.json" facts.json
  $ R="$SRC/rulesets/guangzhou/2023.rubric"
  $ echo old > real.md && ln -s real.md link.md
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" facts.json --format md -o link.md
  $ test -L link.md && head -c 3 real.md | od -c | head -1
  $ echo old > private.md && chmod 0600 private.md
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" facts.json --format md -o private.md && stat -c %a private.md
  $ echo old > ro.md && chmod 0444 ro.md
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" facts.json --format md -o ro.md
  $ cat ro.md && stat -c %a ro.md
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" facts.json --format csv -o /proc/self/fd/1 | wc -l
  $ rubric score "$SRC/rulesets/guangzhou/2023.rubric" facts.json --format csv -o /dev/null && test -c /dev/null && echo still a device
  $ printf 'ruleset "t" scheme t year 2023\nsection S points 1 {   indicator I points 1 { score 1 } }\n' > real.rubric && ln -s real.rubric link.rubric
  $ rubric fmt link.rubric && test -L link.rubric && cat real.rubric
  $ ls -a
