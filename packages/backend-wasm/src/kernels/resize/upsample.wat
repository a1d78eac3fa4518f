;; Nearest-neighbour upsampling by integer factors for tfjs-backend-wasm,
;; NHWC float32: y[b, r, c, ch] = x[b, r / f, c / g, ch] (integer division),
;; what ResizeNearestNeighbor gives for integer factors without alignCorners
;; (with or without half-pixel centers). Each input pixel is written g times
;; into the first output row of its block, four channels a step, and that row
;; is then copied f - 1 times with memory.copy. The module imports tfjs'
;; memory (see scripts/assemble-wat.mjs).
(module
  (import "env" "memory" MEMORY_IMPORT)

  (func (export "upsampleNearest")
    (param $x i32) (param $y i32) (param $n i32) (param $H i32) (param $W i32) (param $C i32) (param $f i32) (param $g i32)
    (local $b i32) (local $h i32) (local $w i32) (local $k i32) (local $c i32)
    (local $row i32) (local $rowBytes i32) (local $p i32) (local $src i32)
    (local.set $rowBytes (i32.shl (i32.mul (i32.mul (local.get $W) (local.get $g)) (local.get $C)) (i32.const 2)))
    (local.set $src (local.get $x))
    (local.set $row (local.get $y))
    (local.set $b (i32.const 0))
    (block $done_b (loop $loop_b
      (br_if $done_b (i32.ge_s (local.get $b) (local.get $n)))
      (local.set $h (i32.const 0))
      (block $done_h (loop $loop_h
        (br_if $done_h (i32.ge_s (local.get $h) (local.get $H)))
        ;; the first output row of this block; $src walks the input row
        (local.set $p (local.get $row))
        (local.set $w (i32.const 0))
        (block $done_w (loop $loop_w
          (br_if $done_w (i32.ge_s (local.get $w) (local.get $W)))
          (local.set $k (i32.const 0))
          (block $done_k (loop $loop_k
            (br_if $done_k (i32.ge_s (local.get $k) (local.get $g)))
            (local.set $c (i32.const 0))
            (block $done_c4 (loop $loop_c4
              (br_if $done_c4 (i32.gt_s (i32.add (local.get $c) (i32.const 4)) (local.get $C)))
              (v128.store (local.get $p) (v128.load (i32.add (local.get $src) (i32.shl (local.get $c) (i32.const 2)))))
              (local.set $p (i32.add (local.get $p) (i32.const 16)))
              (local.set $c (i32.add (local.get $c) (i32.const 4)))
              (br $loop_c4)))
            (block $done_c (loop $loop_c
              (br_if $done_c (i32.ge_s (local.get $c) (local.get $C)))
              (f32.store (local.get $p) (f32.load (i32.add (local.get $src) (i32.shl (local.get $c) (i32.const 2)))))
              (local.set $p (i32.add (local.get $p) (i32.const 4)))
              (local.set $c (i32.add (local.get $c) (i32.const 1)))
              (br $loop_c)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $loop_k)))
          (local.set $src (i32.add (local.get $src) (i32.shl (local.get $C) (i32.const 2))))
          (local.set $w (i32.add (local.get $w) (i32.const 1)))
          (br $loop_w)))
        ;; the block's other f - 1 rows
        (local.set $k (i32.const 1))
        (block $done_r (loop $loop_r
          (br_if $done_r (i32.ge_s (local.get $k) (local.get $f)))
          (memory.copy (i32.add (local.get $row) (i32.mul (local.get $k) (local.get $rowBytes))) (local.get $row) (local.get $rowBytes))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $loop_r)))
        (local.set $row (i32.add (local.get $row) (i32.mul (local.get $f) (local.get $rowBytes))))
        (local.set $h (i32.add (local.get $h) (i32.const 1)))
        (br $loop_h)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $loop_b)))))
