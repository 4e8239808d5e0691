// Package parentwatch ends a plugin whose parent process is gone. go-plugin leaves a plugin running after its host
// dies (hashicorp/go-plugin issue 10); this project's plugins exit instead, as its Java plugins do.
package parentwatch

import (
	"os"
	"time"
)

// ExitWhenGone polls the parent pid every 200 ms and exits the process once it changes (the orphan was adopted).
// With `sh -c` the parent is the shell, which dies with a Ctrl-C'd host but outlives a host killed on its own.
func ExitWhenGone() {
	parent := os.Getppid()
	go func() {
		for range time.Tick(200 * time.Millisecond) {
			if os.Getppid() != parent {
				os.Exit(0)
			}
		}
	}()
}
