;; Transposes `batch` row-major float32 matrices [rows, cols] into
;; [cols, rows], in WebAssembly SIMD, 4x4 blocks at a time (two rounds of
;; lane shuffles), the rest one float at a time. Blocks are taken four
;; block-rows at a time, so that each output row receives a whole 64-byte
;; cache line (16 floats) at once: a column-by-column walk writes 16 bytes
;; per line and, when the output rows are a power of two long (256 floats:
;; the batch of a weight gradient), the lines it writes all fall into a few
;; cache sets and are evicted before they are full (stock Transpose runs
;; such shapes at about a tenth of its speed on others).
(module
  (import "env" "memory" MEMORY_IMPORT)

  ;; One 4x4 block: rows r..r+3, columns c..c+3 of src into dst.
  (func $block (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32) (param $r i32) (param $c i32)
    (local $a v128) (local $b v128) (local $x v128) (local $d v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local $in i32) (local $out i32) (local $rs i32) (local $os i32)
    (local.set $rs (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $os (i32.shl (local.get $rows) (i32.const 2)))
    (local.set $in (i32.add (local.get $src) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $cols)) (local.get $c)) (i32.const 2))))
    (local.set $a (v128.load (local.get $in)))
    (local.set $b (v128.load (i32.add (local.get $in) (local.get $rs))))
    (local.set $x (v128.load (i32.add (local.get $in) (i32.shl (local.get $rs) (i32.const 1)))))
    (local.set $d (v128.load (i32.add (local.get $in) (i32.mul (local.get $rs) (i32.const 3)))))
    ;; t0 = a0 b0 a1 b1, t1 = a2 b2 a3 b3, t2 = c0 d0 c1 d1, t3 = c2 d2 c3 d3
    (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a) (local.get $b)))
    (local.set $t1 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a) (local.get $b)))
    (local.set $t2 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $x) (local.get $d)))
    (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $x) (local.get $d)))
    (local.set $out (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $c) (local.get $rows)) (local.get $r)) (i32.const 2))))
    (v128.store (local.get $out)
      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t2)))
    (v128.store (i32.add (local.get $out) (local.get $os))
      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t2)))
    (v128.store (i32.add (local.get $out) (i32.shl (local.get $os) (i32.const 1)))
      (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t1) (local.get $t3)))
    (v128.store (i32.add (local.get $out) (i32.mul (local.get $os) (i32.const 3)))
      (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t1) (local.get $t3))))

  ;; One matrix.
  (func $matrix (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
    (local $r i32) (local $c i32) (local $rows4 i32) (local $cols4 i32) (local $rows16 i32)
    (local.set $rows4 (i32.and (local.get $rows) (i32.const -4)))
    (local.set $rows16 (i32.and (local.get $rows) (i32.const -16)))
    (local.set $cols4 (i32.and (local.get $cols) (i32.const -4)))
    ;; 16 rows at a time: each output row gets 64 bytes per column block
    (local.set $r (i32.const 0))
    (block $done16 (loop $rows_16
      (br_if $done16 (i32.ge_u (local.get $r) (local.get $rows16)))
      (local.set $c (i32.const 0))
      (block $donec (loop $cols_16
        (br_if $donec (i32.ge_u (local.get $c) (local.get $cols4)))
        (call $block (local.get $src) (local.get $dst) (local.get $rows) (local.get $cols) (local.get $r) (local.get $c))
        (call $block (local.get $src) (local.get $dst) (local.get $rows) (local.get $cols) (i32.add (local.get $r) (i32.const 4)) (local.get $c))
        (call $block (local.get $src) (local.get $dst) (local.get $rows) (local.get $cols) (i32.add (local.get $r) (i32.const 8)) (local.get $c))
        (call $block (local.get $src) (local.get $dst) (local.get $rows) (local.get $cols) (i32.add (local.get $r) (i32.const 12)) (local.get $c))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $cols_16)))
      (local.set $r (i32.add (local.get $r) (i32.const 16)))
      (br $rows_16)))
    ;; the remaining whole blocks of 4 rows
    (block $done4 (loop $rows_4
      (br_if $done4 (i32.ge_u (local.get $r) (local.get $rows4)))
      (local.set $c (i32.const 0))
      (block $donec4 (loop $cols_4
        (br_if $donec4 (i32.ge_u (local.get $c) (local.get $cols4)))
        (call $block (local.get $src) (local.get $dst) (local.get $rows) (local.get $cols) (local.get $r) (local.get $c))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $cols_4)))
      (local.set $r (i32.add (local.get $r) (i32.const 4)))
      (br $rows_4)))
    ;; the last rows (every column), then the last columns of the other rows
    (call $scalar (local.get $src) (local.get $dst) (local.get $rows) (local.get $cols) (local.get $rows4) (local.get $rows) (i32.const 0) (local.get $cols))
    (call $scalar (local.get $src) (local.get $dst) (local.get $rows) (local.get $cols) (i32.const 0) (local.get $rows4) (local.get $cols4) (local.get $cols)))

  ;; dst[c, r] = src[r, c] for r in [r0, r1), c in [c0, c1).
  (func $scalar (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
    (param $r0 i32) (param $r1 i32) (param $c0 i32) (param $c1 i32)
    (local $r i32) (local $c i32)
    (local.set $r (local.get $r0))
    (block $done_r (loop $loop_r
      (br_if $done_r (i32.ge_u (local.get $r) (local.get $r1)))
      (local.set $c (local.get $c0))
      (block $done_c (loop $loop_c
        (br_if $done_c (i32.ge_u (local.get $c) (local.get $c1)))
        (f32.store
          (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $c) (local.get $rows)) (local.get $r)) (i32.const 2)))
          (f32.load (i32.add (local.get $src) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $cols)) (local.get $c)) (i32.const 2)))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $loop_c)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $loop_r))))

  (func (export "transpose") (param $src i32) (param $dst i32) (param $batch i32) (param $rows i32) (param $cols i32)
    (local $i i32) (local $bytes i32)
    (local.set $bytes (i32.shl (i32.mul (local.get $rows) (local.get $cols)) (i32.const 2)))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $batch)))
      (call $matrix
        (i32.add (local.get $src) (i32.mul (local.get $i) (local.get $bytes)))
        (i32.add (local.get $dst) (i32.mul (local.get $i) (local.get $bytes)))
        (local.get $rows) (local.get $cols))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $loop)))))
