// ScratchFile: the temporary files a library writes by name (the XLSX workbook) never outlive the
// program, whether it ends normally or is killed by a signal the cleanup handlers catch.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "base/output_file.hpp"

namespace {

namespace fs = std::filesystem;

// A fresh, empty folder used as TMPDIR for one test.
struct ScratchFolder {
  fs::path path;
  std::string saved;
  bool had = false;
  ScratchFolder() {
    char pattern[] = "/tmp/rubric-scratch-test-XXXXXX";
    path = ::mkdtemp(pattern);
    if (const char* old = std::getenv("TMPDIR")) {
      had = true;
      saved = old;
    }
    ::setenv("TMPDIR", path.c_str(), 1);
  }
  ~ScratchFolder() {
    if (had) ::setenv("TMPDIR", saved.c_str(), 1);
    else ::unsetenv("TMPDIR");
    fs::remove_all(path);
  }
  std::size_t files() const { return static_cast<std::size_t>(std::distance(fs::directory_iterator(path), {})); }
};

TEST(ScratchFile, IsCreatedInTheTemporaryFolderAndRemovedWhenItGoes) {
  ScratchFolder folder;
  std::string name;
  {
    rubric::ScratchFile scratch("rubric-test");
    name = scratch.path();
    EXPECT_EQ(fs::path(name).parent_path(), folder.path);
    EXPECT_TRUE(fs::path(name).filename().string().starts_with("rubric-test-"));
    std::ofstream(name) << "workbook";
    EXPECT_EQ(folder.files(), 1u);
  }
  EXPECT_FALSE(fs::exists(name));
  EXPECT_EQ(folder.files(), 0u);
}

TEST(ScratchFile, IsRemovedWhenTheProgramIsKilled) {
  for (const int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
    ScratchFolder folder;
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      rubric::install_cleanup_handlers();
      rubric::ScratchFile first("rubric-a");
      rubric::ScratchFile second("rubric-b");
      std::raise(signal_number);
      ::_exit(0);  // not reached: the handler dies of the same signal
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "signal " << signal_number;
    EXPECT_EQ(WTERMSIG(status), signal_number);
    EXPECT_EQ(folder.files(), 0u) << "signal " << signal_number << " left a scratch file";
  }
}

TEST(ScratchFile, ATemporaryFolderThatCannotBeWrittenIsAnError) {
  ScratchFolder folder;
  ::setenv("TMPDIR", "/proc", 1);  // a folder nobody may create files in, even root
  EXPECT_THROW(rubric::ScratchFile("rubric-test"), std::runtime_error);
}

}  // namespace
