package parentwatch

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
)

// removeOwnSockets removes the Unix socket files this process listens on, before an exit that go-plugin's listener
// never sees (its Close would unlink the file; os.Exit and a signal do not run it). Linux: the process's socket
// descriptors from /proc/self/fd, their paths from /proc/net/unix. Elsewhere it does nothing, and the host removes
// the socket once it sees the plugin gone.
func removeOwnSockets() {
	inodes := map[string]bool{}
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return
	}
	for _, fd := range fds {
		target, err := os.Readlink(filepath.Join("/proc/self/fd", fd.Name()))
		if err == nil && strings.HasPrefix(target, "socket:[") {
			inodes[strings.TrimSuffix(strings.TrimPrefix(target, "socket:["), "]")] = true
		}
	}
	table, err := os.Open("/proc/net/unix")
	if err != nil {
		return
	}
	defer table.Close()
	lines := bufio.NewScanner(table)
	for lines.Scan() {
		// Num RefCount Protocol Flags Type St Inode Path; a listening socket has flag __SO_ACCEPTCON (0x10000).
		fields := strings.Fields(lines.Text())
		if len(fields) == 8 && inodes[fields[6]] && fields[3] == "00010000" && strings.HasPrefix(fields[7], "/") {
			if info, err := os.Lstat(fields[7]); err == nil && info.Mode()&os.ModeSocket != 0 {
				os.Remove(fields[7])
			}
		}
	}
}
