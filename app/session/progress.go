package session

import (
	"errors"
	"math"
	"sync/atomic"
)

// Progress is shared between work running in the background and whoever
// shows it: the work sets how far it is, the user may ask it to stop. A nil
// *Progress reports nothing and is never cancelled.
type Progress struct {
	frac   atomic.Uint64 // float64 bits, 0–1
	cancel atomic.Bool
}

// Set records how far the work is, from 0 to 1.
func (p *Progress) Set(f float64) {
	if p != nil {
		p.frac.Store(math.Float64bits(f))
	}
}

// Value is how far the work is, from 0 to 1.
func (p *Progress) Value() float64 {
	if p == nil {
		return 0
	}
	return math.Float64frombits(p.frac.Load())
}

// Cancel asks the work to stop.
func (p *Progress) Cancel() {
	if p != nil {
		p.cancel.Store(true)
	}
}

// Cancelled reports whether the work was asked to stop.
func (p *Progress) Cancelled() bool { return p != nil && p.cancel.Load() }

// ErrCancelled is returned by work that was cancelled.
var ErrCancelled = errors.New("cancelled")
