// fork/exec with pipes and poll(): the child gets its own process group so a timeout or Ctrl-C
// kills every thread and grandchild it has, and wait4() reports its rusage.
#include "runner/subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <system_error>

extern char** environ;

namespace zbench {
namespace {

std::atomic<pid_t> g_running_child{0};

void append_capped(std::string& to, const char* data, std::size_t n, std::size_t cap) {
  if (to.size() < cap) to.append(data, std::min(n, cap - to.size()));
}

[[noreturn]] void exec_child(const ProcessSpec& spec, int out_fd, int err_fd) {
  setpgid(0, 0);
  dup2(out_fd, STDOUT_FILENO);
  dup2(err_fd, STDERR_FILENO);
  int devnull = open("/dev/null", O_RDONLY);
  if (devnull >= 0) dup2(devnull, STDIN_FILENO);
  std::vector<char*> args;
  for (const auto& a : spec.argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env_store;
  for (char** e = environ; *e != nullptr; ++e) env_store.emplace_back(*e);
  for (const auto& e : spec.extra_env) env_store.push_back(e);
  std::vector<char*> env;
  for (auto& e : env_store) env.push_back(e.data());
  env.push_back(nullptr);
  execve(args[0], args.data(), env.data());
  const std::string msg = std::string("exec ") + args[0] + ": " + std::strerror(errno) + "\n";
  (void)!write(STDERR_FILENO, msg.data(), msg.size());
  _exit(127);
}

double to_seconds(const timeval& tv) {
  return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
}

// A child that closed its output but keeps running is still bound by the deadline.
void await_exit_or_kill(pid_t pid, std::chrono::steady_clock::time_point deadline,
                        ProcessResult& r) {
  const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  if (pidfd < 0) return;  // the child is already reaped or pidfds are unsupported: wait4 copes
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd pfd{pidfd, POLLIN, 0};
    if (left.count() > 0 && poll(&pfd, 1, static_cast<int>(left.count())) < 0 && errno == EINTR)
      continue;
    if (left.count() <= 0 || (pfd.revents & POLLIN) == 0) {
      r.timed_out = true;
      kill(-pid, SIGKILL);
    }
    break;
  }
  close(pidfd);
}

}  // namespace

ProcessResult run_process(const ProcessSpec& spec) {
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0)
    throw std::system_error(errno, std::generic_category(), "pipe");
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    close(out_pipe[0]);
    close(out_pipe[1]);
    throw std::system_error(errno, std::generic_category(), "pipe");
  }
  const auto started = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) throw std::system_error(errno, std::generic_category(), "fork");
  if (pid == 0) exec_child(spec, out_pipe[1], err_pipe[1]);
  setpgid(pid, pid);  // also done by the child; whichever runs first wins the race harmlessly
  g_running_child.store(pid);
  close(out_pipe[1]);
  close(err_pipe[1]);

  ProcessResult r;
  const auto deadline = started + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                      std::chrono::duration<double>(spec.timeout_s));
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  int open_streams = 2;
  char buf[65536];
  while (open_streams > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      r.timed_out = true;
      kill(-pid, SIGKILL);
      break;
    }
    const int rc = poll(fds, 2, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (rc < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      const ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        append_capped(i == 0 ? r.out : r.err, buf, static_cast<std::size_t>(n), spec.max_capture);
      } else if (n == 0 || errno != EINTR) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_streams;
      }
    }
  }
  for (auto& f : fds)
    if (f.fd >= 0) close(f.fd);
  if (!r.timed_out) await_exit_or_kill(pid, deadline, r);

  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  // Grandchildren of a finished worker must not outlive it either.
  kill(-pid, SIGKILL);
  g_running_child.store(0);
  r.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (WIFSIGNALED(status)) {
    r.signaled = !r.timed_out;
    r.signal = WTERMSIG(status);
  } else if (WIFEXITED(status)) {
    r.exit_code = WEXITSTATUS(status);
  }
  r.cpu_user_s = to_seconds(usage.ru_utime);
  r.cpu_sys_s = to_seconds(usage.ru_stime);
  r.peak_rss_kb = usage.ru_maxrss;
  return r;
}

void kill_running_child() noexcept {
  const pid_t pid = g_running_child.load();
  if (pid > 0) kill(-pid, SIGKILL);
}

std::string tail_lines(const std::string& text, int max_lines) {
  std::size_t pos = text.size();
  if (pos > 0 && text[pos - 1] == '\n') --pos;
  int lines = 0;
  while (pos > 0) {
    if (text[pos - 1] == '\n' && ++lines == max_lines) break;
    --pos;
  }
  std::string tail = text.substr(pos);
  constexpr std::size_t max_chars = 4000;
  if (tail.size() > max_chars) tail = "..." + tail.substr(tail.size() - max_chars);
  return tail;
}

}  // namespace zbench
