// Command ferretdb runs FerretDB v1 (SQLite backend) as a local MongoDB-wire
// server for development and tests. It embeds the ferretdb package because a
// plain `go install` of FerretDB v1 panics at start: its version file is not
// part of the published module.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on")
	dataDir := flag.String("data-dir", ".data/ferretdb", "directory for the SQLite databases")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	flag.Parse()

	// Collect garbage at 4x the live heap instead of 2x unless GOGC says
	// otherwise: decoding and re-encoding every document is allocation-heavy,
	// and Go's collector was a tenth of a bulk insert's time (seed bench,
	// issue #21). The live heap is about 30 MB, so this costs ~100 MB at most.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintln(os.Stderr, "bad --log-level:", err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	if err := os.MkdirAll(*dataDir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "cannot create data dir:", err)
		os.Exit(1)
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Logger:   logger,
		Handler:  "sqlite",
		// Immediate transactions take the write lock at BEGIN: concurrent
		// read-modify-write commands (findAndModify, upserts) then queue on the
		// busy timeout instead of deadlocking on a read-to-write lock upgrade.
		// synchronous(normal) in WAL mode: a commit no longer waits for fsync
		// (0.45 -> see README ms per updated document). A crashed process
		// loses nothing; only a power cut can lose the last commits, and the
		// database stays consistent. This server is for development and tests.
		SQLiteURL: "file:" + *dataDir + "/?_txlock=immediate&_pragma=synchronous(normal)",
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "cannot start FerretDB:", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	done := make(chan struct{})
	go func() {
		_ = f.Run(ctx)
		close(done)
	}()
	fmt.Fprintln(os.Stderr, "FerretDB listening at", f.MongoDBURI())
	<-done
}
