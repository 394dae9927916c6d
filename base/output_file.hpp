// Writing output files, by one set of rules for every command (docs/batch.md, "Files"):
//
// - A regular file (or a name that does not exist yet) is written atomically: the content goes to
//   a temporary file beside the target, which is then renamed over it. An interrupted run leaves
//   the old file or the new one, never half of one. A symlink is followed: the file it points to
//   is replaced and the symlink stays. The file keeps its mode and owner; a new file gets
//   0666 minus the umask.
// - A file whose mode gives nobody write permission (0444), or that the user may not write, is
//   refused, even for root, whose access() would allow it: rubric does not replace what the user
//   protected.
// - Anything that is not a regular file (a pipe, a terminal, /dev/null, /proc/self/fd/1) is
//   written straight through, never replaced.
// - A directory is refused.
//
// Every failure is an error naming the file and the OS error (codes E1002–E1008 in
// docs/errors.md). The temporary file of a run killed by SIGINT, SIGTERM, SIGHUP or SIGQUIT is
// removed by the handlers install_cleanup_handlers() installs.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>
#include <vector>

namespace rubric {

// An output being written: opened before any work (so a bad path is reported at once), written
// to, then committed. Destroyed without commit(), it removes its temporary file and leaves the
// target as it was.
class OutputFile {
 public:
  explicit OutputFile(std::string path);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // The first error, as "MESSAGE [CODE]" with an optional "\n  = help: …" line; "" when none.
  const std::string& error() const { return error_; }
  void write(std::string_view data);
  // Flushes and closes; for a regular file, renames the temporary over the target.
  void commit();

 private:
  void fail(const char* code, const std::string& message, const std::string& help = "");

  std::string path_;       // as the user gave it
  std::string target_;     // the file written: path_ with every symlink followed
  std::string temporary_;  // "" when written straight through
  int fd_ = -1;
  int slot_ = -1;          // the temporary's slot in the signal handlers' list
  std::string error_;
};

// Writes [content] to [path] by the rules above; throws std::runtime_error with the error text.
void write_file_atomically(const std::string& path, std::string_view content);

// Installs handlers for SIGINT, SIGTERM, SIGHUP and SIGQUIT (where they are not ignored) that
// remove the temporary files being written, then die of the same signal, so that the exit status
// still says which. Async-signal-safe.
void install_cleanup_handlers();

// Adds [path] to the files the handlers remove; returns its slot (-1 when the list is full).
int register_temporary(const std::string& path);
void unregister_temporary(int slot);

// A scratch file of our own in the temporary directory, for a library that writes by file name
// (libxlsxwriter): removed when this object goes, and by the cleanup handlers if the program is
// killed first, so that no rubric-* file is left behind in /tmp.
class ScratchFile {
 public:
  // Creates an empty file named [stem]-XXXXXX; throws std::runtime_error when it cannot.
  explicit ScratchFile(const char* stem);
  ~ScratchFile();
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int slot_ = -1;
};

// The identity of a file (device and inode), following symlinks, for comparing names: two names
// of one file (a symlink, a hard link, "./x" and "x") have the same identity.
struct FileIdentity {
  dev_t device = 0;
  ino_t inode = 0;
  bool exists = false;
  bool regular = false;
  bool operator==(const FileIdentity& o) const { return exists && o.exists && device == o.device && inode == o.inode; }
};
FileIdentity identify(const std::string& path);
// Standard output's file (an fstat of descriptor 1).
FileIdentity identify_stdout();

// An input that an output must not replace: its path and what it is ("the ruleset", "the facts
// file", "the input", "the results file", …).
struct NamedFile {
  std::string path;
  std::string role;
};

// The first output of [outputs] that is the same file as one of [inputs], or as an earlier output,
// as an error text ("MESSAGE [E1001]\n  = help: …"); "" when they are all distinct. Only
// outputs that are regular files can clash (two names of /dev/null, or of one terminal, do not).
// An output "" is skipped; "-" stands for standard output.
std::string output_clash(const std::vector<NamedFile>& outputs, const std::vector<NamedFile>& inputs);

}  // namespace rubric
