package cli

import (
	"bufio"
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
	export.RemoveStale(os.TempDir(), "gloss-out-", "") // a killed command's
	spool, untrack, err := export.CreateTemp("", export.TempPattern("gloss-out-", ""))
	if err != nil {
		return fmt.Errorf("temporary file for output: %w", err)
	}
	defer os.Remove(spool.Name())
	defer untrack()
	defer spool.Close()
	// The spool needs no fsync: it is read back at once and thrown away.
	bw := bufio.NewWriterSize(spool, 256<<10)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("temporary file for output: %w", err)
	}
	if _, err := spool.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err = io.Copy(env.Stdout, spool)
	return err
}
