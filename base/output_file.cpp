// Writing output files; see output_file.hpp.
#include "base/output_file.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace rubric {

namespace {

// ---- The temporary files the signal handlers remove -------------------------------------------

constexpr int kSlots = 16;
constexpr std::size_t kPathBytes = 4096;

struct Slot {
  std::atomic<bool> taken{false};  // owned by a register_temporary() caller
  std::atomic<bool> armed{false};  // [path] is complete: the handler may unlink it
  char path[kPathBytes] = {};
};

Slot g_slots[kSlots];
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler reads these");

constexpr int kCleanupSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

extern "C" void remove_temporaries_and_die(int signal_number) {
  const int saved = errno;
  for (Slot& slot : g_slots) {
    if (slot.armed.load(std::memory_order_acquire)) ::unlink(slot.path);
  }
  struct sigaction deflt {};
  deflt.sa_handler = SIG_DFL;
  sigemptyset(&deflt.sa_mask);
  ::sigaction(signal_number, &deflt, nullptr);
  errno = saved;
  // The signal is blocked while its handler runs: it is delivered, with its default action, as
  // soon as the handler returns.
  ::raise(signal_number);
}

// ---- Paths ------------------------------------------------------------------------------------

// [path] with every symlink of its last component followed (a chain of them, up to 40), so that
// the temporary file goes beside the file that is replaced, not beside the link.
std::string follow_links(const std::string& path) {
  namespace fs = std::filesystem;
  std::string current = path;
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st {};
    if (::lstat(current.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) break;
    std::string target(kPathBytes, '\0');
    const ssize_t n = ::readlink(current.c_str(), target.data(), target.size());
    if (n <= 0 || static_cast<std::size_t>(n) >= target.size()) break;
    target.resize(static_cast<std::size_t>(n));
    const fs::path link(current);
    current = fs::path(target).is_absolute() ? target : (link.parent_path() / target).string();
  }
  return current;
}

std::string mode_text(mode_t mode) { return fmt::format("{:04o}", static_cast<unsigned>(mode & 07777)); }

mode_t current_umask() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

FileIdentity identity_of(const struct stat& st) {
  FileIdentity id;
  id.device = st.st_dev;
  id.inode = st.st_ino;
  id.exists = true;
  id.regular = S_ISREG(st.st_mode);
  return id;
}

}  // namespace

// ---- OutputFile -------------------------------------------------------------------------------

OutputFile::OutputFile(std::string path) : path_(std::move(path)) {
  namespace fs = std::filesystem;
  mode_t mode = 0666 & ~current_umask();
  bool keep_owner = false;
  uid_t owner = 0;
  gid_t group = 0;
  struct stat st {};
  if (::stat(path_.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      fail("E1005", fmt::format("{} is a directory", path_), "give the name of a file to write, e.g. " +
                                                                 (fs::path(path_) / "results.csv").string());
      return;
    }
    if (!S_ISREG(st.st_mode)) {
      // A pipe, a terminal, a device, /proc/self/fd/N: written straight through, never replaced.
      fd_ = ::open(path_.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
      if (fd_ < 0) fail("E1002", fmt::format("cannot write {}: {}", path_, std::strerror(errno)));
      return;
    }
    target_ = follow_links(path_);
    // Root may write anything: the mode bits say what the user meant.
    if ((st.st_mode & 0222) == 0 || ::access(target_.c_str(), W_OK) != 0) {
      fail("E1004",
           fmt::format("{} is read-only (mode {}): rubric does not replace a file that may not be written", path_,
                       mode_text(st.st_mode)),
           fmt::format("write to another file, or make this one writable first (chmod u+w {})", path_));
      return;
    }
    mode = st.st_mode & 07777;
    keep_owner = true;
    owner = st.st_uid;
    group = st.st_gid;
  } else if (errno == ENOENT) {
    target_ = follow_links(path_);  // a symlink to a file not yet there: create that file
  } else {
    fail("E1002", fmt::format("cannot write {}: {}", path_, std::strerror(errno)));
    return;
  }
  const fs::path target(target_);
  const fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  temporary_ = (folder / ("." + target.filename().string() + ".XXXXXX")).string();
  fd_ = ::mkstemp(temporary_.data());
  if (fd_ < 0) {
    const std::string reason = std::strerror(errno);
    temporary_.clear();
    fail("E1006", fmt::format("cannot create a temporary file in {} to write {}: {}", folder.string(), path_, reason),
         "rubric writes a new file beside the old one and then renames it, so the folder must exist and be writable");
    return;
  }
  slot_ = register_temporary(temporary_);
  if (::fchmod(fd_, mode) != 0) {
    fail("E1002", fmt::format("cannot write {}: cannot set the mode of the new file: {}", path_, std::strerror(errno)));
    return;
  }
  // Only root may give a file away; anyone else keeps their own file, which is what they own.
  if (keep_owner && ::fchown(fd_, owner, group) != 0 && errno != EPERM) {
    fail("E1002", fmt::format("cannot write {}: cannot keep the file's owner: {}", path_, std::strerror(errno)));
  }
}

OutputFile::~OutputFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!temporary_.empty()) ::unlink(temporary_.c_str());
  unregister_temporary(slot_);
}

void OutputFile::fail(const char* code, const std::string& message, const std::string& help) {
  if (!error_.empty()) return;
  error_ = fmt::format("{} [{}]", message, code);
  if (!help.empty()) error_ += "\n  = help: " + help;
}

void OutputFile::write(std::string_view data) {
  if (!error_.empty() || fd_ < 0) return;
  std::size_t written = 0;
  while (written < data.size()) {
    const ssize_t n = ::write(fd_, data.data() + written, data.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("E1002", fmt::format("cannot write {}: {}", path_, std::strerror(errno)));
      return;
    }
    written += static_cast<std::size_t>(n);
  }
}

void OutputFile::commit() {
  if (!error_.empty() || fd_ < 0) return;
  if (!temporary_.empty() && ::fsync(fd_) != 0) {
    fail("E1002", fmt::format("cannot write {}: {}", path_, std::strerror(errno)));
    return;
  }
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    fail("E1002", fmt::format("cannot write {}: {}", path_, std::strerror(errno)));
    return;
  }
  if (temporary_.empty()) return;
  if (::rename(temporary_.c_str(), target_.c_str()) != 0) {
    fail("E1007", fmt::format("cannot replace {}: {}", path_, std::strerror(errno)));
    return;  // the destructor removes the temporary file
  }
  temporary_.clear();
  unregister_temporary(slot_);
  slot_ = -1;
}

void write_file_atomically(const std::string& path, std::string_view content) {
  OutputFile out(path);
  out.write(content);
  out.commit();
  if (!out.error().empty()) throw std::runtime_error(out.error());
}

ScratchFile::ScratchFile(const char* stem) {
  std::error_code ec;
  const std::filesystem::path directory = std::filesystem::temp_directory_path(ec);
  path_ = ((ec ? std::filesystem::path("/tmp") : directory) / (std::string(stem) + "-XXXXXX")).string();
  // A signal between creating the file and registering it would leave it behind: hold the
  // cleanup signals until it is registered.
  sigset_t cleanup, previous;
  sigemptyset(&cleanup);
  for (const int signal_number : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&cleanup, signal_number);
  ::pthread_sigmask(SIG_BLOCK, &cleanup, &previous);
  const int fd = ::mkstemp(path_.data());
  const int saved = errno;
  if (fd >= 0) slot_ = register_temporary(path_);
  ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  if (fd < 0) {
    throw std::runtime_error(fmt::format("cannot create a temporary file in {}: {}", path_.substr(0, path_.rfind('/')),
                                         std::strerror(saved)));
  }
  ::close(fd);
}

ScratchFile::~ScratchFile() {
  ::unlink(path_.c_str());
  unregister_temporary(slot_);
}

// ---- Signals ----------------------------------------------------------------------------------

void install_cleanup_handlers() {
  for (const int signal_number : kCleanupSignals) {
    struct sigaction old {};
    if (::sigaction(signal_number, nullptr, &old) != 0 || old.sa_handler == SIG_IGN) continue;  // nohup
    struct sigaction action {};
    action.sa_handler = &remove_temporaries_and_die;
    sigemptyset(&action.sa_mask);
    for (const int other : kCleanupSignals) sigaddset(&action.sa_mask, other);
    ::sigaction(signal_number, &action, nullptr);
  }
}

int register_temporary(const std::string& path) {
  if (path.size() >= kPathBytes) return -1;
  for (int i = 0; i < kSlots; ++i) {
    Slot& slot = g_slots[i];
    bool expected = false;
    if (!slot.taken.compare_exchange_strong(expected, true)) continue;
    std::memcpy(slot.path, path.c_str(), path.size() + 1);
    slot.armed.store(true, std::memory_order_release);
    return i;
  }
  return -1;
}

void unregister_temporary(int slot) {
  if (slot < 0 || slot >= kSlots) return;
  g_slots[slot].armed.store(false, std::memory_order_release);
  g_slots[slot].taken.store(false, std::memory_order_release);
}

// ---- Outputs that are inputs ------------------------------------------------------------------

FileIdentity identify(const std::string& path) {
  struct stat st {};
  if (path == "-") return ::fstat(STDIN_FILENO, &st) == 0 ? identity_of(st) : FileIdentity{};
  return ::stat(path.c_str(), &st) == 0 ? identity_of(st) : FileIdentity{};
}

FileIdentity identify_stdout() {
  struct stat st {};
  return ::fstat(STDOUT_FILENO, &st) == 0 ? identity_of(st) : FileIdentity{};
}

std::string output_clash(const std::vector<NamedFile>& outputs, const std::vector<NamedFile>& inputs) {
  const auto name = [](const NamedFile& f) {
    if (f.path == "-") return f.role;
    return f.role.empty() ? f.path : f.role + " " + f.path;
  };
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const NamedFile& out = outputs[i];
    if (out.path.empty()) continue;
    const FileIdentity id = out.path == "-" ? identify_stdout() : identify(out.path);
    if (!id.exists || !id.regular) continue;
    const auto clash = [&](const NamedFile& other, bool is_output) {
      const bool same_name = out.path == other.path;
      return fmt::format("{} is {}{}: rubric does not write over {} [E1001]\n  = help: {}", name(out), name(other),
                         same_name || out.path == "-" || other.path == "-" ? "" : " (the same file)",
                         is_output ? "one output with another" : "its inputs",
                         out.path == "-" ? "send standard output to another file"
                                         : fmt::format("give {} another file", out.role.empty() ? "the output" : out.role));
    };
    for (const NamedFile& in : inputs) {
      if (!in.path.empty() && identify(in.path) == id) return clash(in, false);
    }
    for (std::size_t j = 0; j < i; ++j) {
      const NamedFile& earlier = outputs[j];
      if (earlier.path.empty()) continue;
      const FileIdentity other = earlier.path == "-" ? identify_stdout() : identify(earlier.path);
      if (other == id) return clash(earlier, true);
    }
  }
  return "";
}

}  // namespace rubric
