// Package parentwatch ends a plugin whose host process is gone. go-plugin leaves a plugin running after its host
// dies (hashicorp/go-plugin issue 10); this project's plugins exit instead, as its Java plugins do.
package parentwatch

import (
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// shells may stand between host and plugin, as in `sh -c "$KV_PLUGIN"`; dash does not exec its last command.
var shells = map[string]bool{"sh": true, "dash": true, "bash": true, "zsh": true, "ash": true, "busybox": true}

// ExitWhenGone polls every 200 ms and exits the process once its host is gone: the parent, or when the parent is a
// shell, the shell's parent (a shell that did not exec outlives a host killed with SIGKILL). It also removes the
// plugin's socket when a SIGTERM ends it (go-plugin only ignores SIGINT), then dies of that signal as before.
func ExitWhenGone() {
	terminated := make(chan os.Signal, 1)
	signal.Notify(terminated, syscall.SIGTERM)
	go func() {
		<-terminated
		removeOwnSockets()
		signal.Reset(syscall.SIGTERM)
		syscall.Kill(os.Getpid(), syscall.SIGTERM)
	}()

	parent := os.Getppid()
	shellsParent := 0
	if shells[commandOf(parent)] {
		shellsParent = parentOf(parent)
	}
	go func() {
		for range time.Tick(200 * time.Millisecond) {
			if os.Getppid() != parent || (shellsParent != 0 && parentOf(parent) != shellsParent) {
				removeOwnSockets()
				os.Exit(0)
			}
		}
	}()
}

// commandOf is the base name of the executable of process pid (Linux /proc), or "" when unknown.
func commandOf(pid int) string {
	exe, err := os.Readlink("/proc/" + strconv.Itoa(pid) + "/exe")
	if err != nil {
		return ""
	}
	return filepath.Base(exe)
}

// parentOf is the parent pid of process pid (Linux /proc), or 0 when it is gone or unknown.
func parentOf(pid int) int {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	if len(fields) < 2 {
		return 0
	}
	ppid, err := strconv.Atoi(fields[1])
	if err != nil {
		return 0
	}
	return ppid
}
