package cli

import (
	"fmt"
	"io"
	"os"

	"gloss/export"
)

// writeOutput commits what write produces to out only when write succeeds:
// a file is written atomically (the old one stays whole on failure), and
// standard output ("" or "-") gets nothing at all on failure, because the
// output is spooled to a temporary file first. Memory stays flat however
// large the output.
func writeOutput(env Env, out string, write func(io.Writer) error) error {
	if out != "" && out != "-" {
		return export.WriteFileAtomic(out, write)
	}
	spool, err := os.CreateTemp("", "gloss-out-*")
	if err != nil {
		return fmt.Errorf("temporary file for output: %w", err)
	}
	defer os.Remove(spool.Name())
	defer spool.Close()
	if err := export.WriteFileAtomic(spool.Name(), write); err != nil {
		return err
	}
	if _, err := spool.Seek(0, io.SeekStart); err != nil {
		return err
	}
	f, err := os.Open(spool.Name())
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(env.Stdout, f)
	return err
}
