;; Pooling kernels for tfjs-backend-wasm, NHWC float32, in WebAssembly SIMD:
;; the max and average pooling gradients, and the forward pools for the
;; output sizes XNNPACK cannot produce (rounded up, `pool/rounding-forward.ts`). The module imports the backend's own memory, so the kernels read x
;; and dy and write dx in place on tfjs' heap (pointers are byte offsets).
;; `tools/assemble-wat.mjs` assembles this file twice, with the memory
;; import below replaced by a shared one for the threaded build and an
;; unshared one for the others, into `pool-kernels-wasm.ts`.
;;
;; Every kernel walks each output window clipped to the real input rows
;; [h0, h1) and columns [w0, w1) (padding never counts), four channels at a
;; time in v128 lanes and the remaining channels one by one.
(module
  (import "env" "memory" MEMORY_IMPORT)

  ;; dx = 0, then each window's first strict maximum (row-major scan order,
  ;; as TensorFlow) receives dy. A window with no value above -Infinity
  ;; (empty, or all -Infinity / NaN) passes nothing on.
  (func (export "maxPoolGrad")
    (param $x i32) (param $dy i32) (param $dx i32)
    (param $n i32) (param $H i32) (param $W i32) (param $C i32)
    (param $OH i32) (param $OW i32) (param $fh i32) (param $fw i32)
    (param $sh i32) (param $sw i32) (param $pt i32) (param $pl i32)
    (local $b i32) (local $oh i32) (local $ow i32) (local $c i32)
    (local $h0 i32) (local $h1 i32) (local $w0 i32) (local $w1 i32)
    (local $h i32) (local $w i32) (local $t i32)
    (local $o i32) (local $off i32) (local $a i32)
    (local $best v128) (local $at v128) (local $v v128) (local $m v128)
    (local $bestS f32) (local $atS i32) (local $vS f32)
    (memory.fill (local.get $dx) (i32.const 0)
      (i32.shl (i32.mul (i32.mul (local.get $n) (local.get $H)) (i32.mul (local.get $W) (local.get $C))) (i32.const 2)))
    (local.set $o (local.get $dy))
    (local.set $b (i32.const 0))
    (block $done_b (loop $loop_b
      (br_if $done_b (i32.ge_s (local.get $b) (local.get $n)))
      (local.set $oh (i32.const 0))
      (block $done_oh (loop $loop_oh
        (br_if $done_oh (i32.ge_s (local.get $oh) (local.get $OH)))
        (local.set $t (i32.sub (i32.mul (local.get $oh) (local.get $sh)) (local.get $pt)))
        (local.set $h0 (call $lo (local.get $t)))
        (local.set $h1 (call $hi (local.get $t) (local.get $fh) (local.get $H)))
        (local.set $ow (i32.const 0))
        (block $done_ow (loop $loop_ow
          (br_if $done_ow (i32.ge_s (local.get $ow) (local.get $OW)))
          (local.set $t (i32.sub (i32.mul (local.get $ow) (local.get $sw)) (local.get $pl)))
          (local.set $w0 (call $lo (local.get $t)))
          (local.set $w1 (call $hi (local.get $t) (local.get $fw) (local.get $W)))
          ;; four channels at a time
          (local.set $c (i32.const 0))
          (block $done_c4 (loop $loop_c4
            (br_if $done_c4 (i32.gt_s (i32.add (local.get $c) (i32.const 4)) (local.get $C)))
            (local.set $best (f32x4.splat (f32.const -inf)))
            (local.set $at (i32x4.splat (i32.const -1)))
            (local.set $h (local.get $h0))
            (block $done_h (loop $loop_h
              (br_if $done_h (i32.ge_s (local.get $h) (local.get $h1)))
              (local.set $w (local.get $w0))
              (block $done_w (loop $loop_w
                (br_if $done_w (i32.ge_s (local.get $w) (local.get $w1)))
                ;; byte offset of x[b, h, w, c] from x
                (local.set $off (i32.shl
                  (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $H)) (local.get $h)) (local.get $W)) (local.get $w)) (local.get $C)) (local.get $c))
                  (i32.const 2)))
                (local.set $v (v128.load (i32.add (local.get $x) (local.get $off))))
                (local.set $m (f32x4.gt (local.get $v) (local.get $best)))
                (local.set $best (v128.bitselect (local.get $v) (local.get $best) (local.get $m)))
                (local.set $at (v128.bitselect
                  (i32x4.add (i32x4.splat (local.get $off)) (v128.const i32x4 0 4 8 12))
                  (local.get $at) (local.get $m)))
                (local.set $w (i32.add (local.get $w) (i32.const 1)))
                (br $loop_w)))
              (local.set $h (i32.add (local.get $h) (i32.const 1)))
              (br $loop_h)))
            ;; dx[at[k]] += dy[o + c + k] for each lane that found a maximum
            (local.set $a (i32x4.extract_lane 0 (local.get $at)))
            (if (i32.ge_s (local.get $a) (i32.const 0))
              (then (call $addAt (i32.add (local.get $dx) (local.get $a)) (f32.load (i32.add (local.get $o) (i32.shl (local.get $c) (i32.const 2)))))))
            (local.set $a (i32x4.extract_lane 1 (local.get $at)))
            (if (i32.ge_s (local.get $a) (i32.const 0))
              (then (call $addAt (i32.add (local.get $dx) (local.get $a)) (f32.load offset=4 (i32.add (local.get $o) (i32.shl (local.get $c) (i32.const 2)))))))
            (local.set $a (i32x4.extract_lane 2 (local.get $at)))
            (if (i32.ge_s (local.get $a) (i32.const 0))
              (then (call $addAt (i32.add (local.get $dx) (local.get $a)) (f32.load offset=8 (i32.add (local.get $o) (i32.shl (local.get $c) (i32.const 2)))))))
            (local.set $a (i32x4.extract_lane 3 (local.get $at)))
            (if (i32.ge_s (local.get $a) (i32.const 0))
              (then (call $addAt (i32.add (local.get $dx) (local.get $a)) (f32.load offset=12 (i32.add (local.get $o) (i32.shl (local.get $c) (i32.const 2)))))))
            (local.set $c (i32.add (local.get $c) (i32.const 4)))
            (br $loop_c4)))
          ;; the remaining channels
          (block $done_c (loop $loop_c
            (br_if $done_c (i32.ge_s (local.get $c) (local.get $C)))
            (local.set $bestS (f32.const -inf))
            (local.set $atS (i32.const -1))
            (local.set $h (local.get $h0))
            (block $done_hs (loop $loop_hs
              (br_if $done_hs (i32.ge_s (local.get $h) (local.get $h1)))
              (local.set $w (local.get $w0))
              (block $done_ws (loop $loop_ws
                (br_if $done_ws (i32.ge_s (local.get $w) (local.get $w1)))
                (local.set $off (i32.shl
                  (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $H)) (local.get $h)) (local.get $W)) (local.get $w)) (local.get $C)) (local.get $c))
                  (i32.const 2)))
                (local.set $vS (f32.load (i32.add (local.get $x) (local.get $off))))
                (if (f32.gt (local.get $vS) (local.get $bestS))
                  (then (local.set $bestS (local.get $vS)) (local.set $atS (local.get $off))))
                (local.set $w (i32.add (local.get $w) (i32.const 1)))
                (br $loop_ws)))
              (local.set $h (i32.add (local.get $h) (i32.const 1)))
              (br $loop_hs)))
            (if (i32.ge_s (local.get $atS) (i32.const 0))
              (then (call $addAt (i32.add (local.get $dx) (local.get $atS)) (f32.load (i32.add (local.get $o) (i32.shl (local.get $c) (i32.const 2)))))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $loop_c)))
          (local.set $o (i32.add (local.get $o) (i32.shl (local.get $C) (i32.const 2))))
          (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
          (br $loop_ow)))
        (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
        (br $loop_oh)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $loop_b))))

  ;; dx = 0, then every real pixel of a window receives dy / (number of real
  ;; pixels in the window), as the forward average divides.
  (func (export "avgPoolGrad")
    (param $dy i32) (param $dx i32)
    (param $n i32) (param $H i32) (param $W i32) (param $C i32)
    (param $OH i32) (param $OW i32) (param $fh i32) (param $fw i32)
    (param $sh i32) (param $sw i32) (param $pt i32) (param $pl i32)
    (local $b i32) (local $oh i32) (local $ow i32) (local $c i32)
    (local $h0 i32) (local $h1 i32) (local $w0 i32) (local $w1 i32)
    (local $h i32) (local $w i32) (local $t i32)
    (local $o i32) (local $p i32) (local $scale f32) (local $g v128) (local $gS f32)
    (memory.fill (local.get $dx) (i32.const 0)
      (i32.shl (i32.mul (i32.mul (local.get $n) (local.get $H)) (i32.mul (local.get $W) (local.get $C))) (i32.const 2)))
    (local.set $o (local.get $dy))
    (local.set $b (i32.const 0))
    (block $done_b (loop $loop_b
      (br_if $done_b (i32.ge_s (local.get $b) (local.get $n)))
      (local.set $oh (i32.const 0))
      (block $done_oh (loop $loop_oh
        (br_if $done_oh (i32.ge_s (local.get $oh) (local.get $OH)))
        (local.set $t (i32.sub (i32.mul (local.get $oh) (local.get $sh)) (local.get $pt)))
        (local.set $h0 (call $lo (local.get $t)))
        (local.set $h1 (call $hi (local.get $t) (local.get $fh) (local.get $H)))
        (local.set $ow (i32.const 0))
        (block $done_ow (loop $loop_ow
          (br_if $done_ow (i32.ge_s (local.get $ow) (local.get $OW)))
          (local.set $t (i32.sub (i32.mul (local.get $ow) (local.get $sw)) (local.get $pl)))
          (local.set $w0 (call $lo (local.get $t)))
          (local.set $w1 (call $hi (local.get $t) (local.get $fw) (local.get $W)))
          (if (i32.and (i32.lt_s (local.get $h0) (local.get $h1)) (i32.lt_s (local.get $w0) (local.get $w1)))
            (then
              (local.set $scale (f32.div (f32.const 1)
                (f32.convert_i32_s (i32.mul (i32.sub (local.get $h1) (local.get $h0)) (i32.sub (local.get $w1) (local.get $w0))))))
              (local.set $h (local.get $h0))
              (block $done_h (loop $loop_h
                (br_if $done_h (i32.ge_s (local.get $h) (local.get $h1)))
                (local.set $w (local.get $w0))
                (block $done_w (loop $loop_w
                  (br_if $done_w (i32.ge_s (local.get $w) (local.get $w1)))
                  ;; address of dx[b, h, w, 0]
                  (local.set $p (i32.add (local.get $dx) (i32.shl
                    (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $H)) (local.get $h)) (local.get $W)) (local.get $w)) (local.get $C))
                    (i32.const 2))))
                  (local.set $c (i32.const 0))
                  (block $done_c4 (loop $loop_c4
                    (br_if $done_c4 (i32.gt_s (i32.add (local.get $c) (i32.const 4)) (local.get $C)))
                    (local.set $g (f32x4.mul (v128.load (i32.add (local.get $o) (i32.shl (local.get $c) (i32.const 2)))) (f32x4.splat (local.get $scale))))
                    (v128.store (local.get $p) (f32x4.add (v128.load (local.get $p)) (local.get $g)))
                    (local.set $p (i32.add (local.get $p) (i32.const 16)))
                    (local.set $c (i32.add (local.get $c) (i32.const 4)))
                    (br $loop_c4)))
                  (block $done_c (loop $loop_c
                    (br_if $done_c (i32.ge_s (local.get $c) (local.get $C)))
                    (local.set $gS (f32.mul (f32.load (i32.add (local.get $o) (i32.shl (local.get $c) (i32.const 2)))) (local.get $scale)))
                    (f32.store (local.get $p) (f32.add (f32.load (local.get $p)) (local.get $gS)))
                    (local.set $p (i32.add (local.get $p) (i32.const 4)))
                    (local.set $c (i32.add (local.get $c) (i32.const 1)))
                    (br $loop_c)))
                  (local.set $w (i32.add (local.get $w) (i32.const 1)))
                  (br $loop_w)))
                (local.set $h (i32.add (local.get $h) (i32.const 1)))
                (br $loop_h)))))
          (local.set $o (i32.add (local.get $o) (i32.shl (local.get $C) (i32.const 2))))
          (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
          (br $loop_ow)))
        (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
        (br $loop_oh)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $loop_b))))

  ;; The forward pools over real pixels only: the maximum (a window with
  ;; nothing above -Infinity gives -Infinity; NaN never wins), or the mean
  ;; (the sum over the number of real pixels; an empty window gives NaN).
  ;; $max selects which.
  (func (export "pool")
    (param $x i32) (param $y i32) (param $max i32)
    (param $n i32) (param $H i32) (param $W i32) (param $C i32)
    (param $OH i32) (param $OW i32) (param $fh i32) (param $fw i32)
    (param $sh i32) (param $sw i32) (param $pt i32) (param $pl i32)
    (local $b i32) (local $oh i32) (local $ow i32) (local $c i32)
    (local $h0 i32) (local $h1 i32) (local $w0 i32) (local $w1 i32)
    (local $h i32) (local $w i32) (local $t i32) (local $p i32) (local $count f32)
    (local $acc v128) (local $v v128) (local $accS f32) (local $vS f32)
    (local.set $b (i32.const 0))
    (block $done_b (loop $loop_b
      (br_if $done_b (i32.ge_s (local.get $b) (local.get $n)))
      (local.set $oh (i32.const 0))
      (block $done_oh (loop $loop_oh
        (br_if $done_oh (i32.ge_s (local.get $oh) (local.get $OH)))
        (local.set $t (i32.sub (i32.mul (local.get $oh) (local.get $sh)) (local.get $pt)))
        (local.set $h0 (call $lo (local.get $t)))
        (local.set $h1 (call $hi (local.get $t) (local.get $fh) (local.get $H)))
        (local.set $ow (i32.const 0))
        (block $done_ow (loop $loop_ow
          (br_if $done_ow (i32.ge_s (local.get $ow) (local.get $OW)))
          (local.set $t (i32.sub (i32.mul (local.get $ow) (local.get $sw)) (local.get $pl)))
          (local.set $w0 (call $lo (local.get $t)))
          (local.set $w1 (call $hi (local.get $t) (local.get $fw) (local.get $W)))
          (local.set $count (f32.convert_i32_s (i32.mul
            (select (i32.sub (local.get $h1) (local.get $h0)) (i32.const 0) (i32.gt_s (local.get $h1) (local.get $h0)))
            (select (i32.sub (local.get $w1) (local.get $w0)) (i32.const 0) (i32.gt_s (local.get $w1) (local.get $w0))))))
          (local.set $c (i32.const 0))
          (block $done_c4 (loop $loop_c4
            (br_if $done_c4 (i32.gt_s (i32.add (local.get $c) (i32.const 4)) (local.get $C)))
            (local.set $acc (select (result v128) (f32x4.splat (f32.const -inf)) (f32x4.splat (f32.const 0)) (local.get $max)))
            (local.set $h (local.get $h0))
            (block $done_h (loop $loop_h
              (br_if $done_h (i32.ge_s (local.get $h) (local.get $h1)))
              (local.set $w (local.get $w0))
              (block $done_w (loop $loop_w
                (br_if $done_w (i32.ge_s (local.get $w) (local.get $w1)))
                (local.set $v (v128.load (i32.add (local.get $x) (i32.shl
                  (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $H)) (local.get $h)) (local.get $W)) (local.get $w)) (local.get $C)) (local.get $c))
                  (i32.const 2)))))
                (local.set $acc (if (result v128) (local.get $max)
                  (then (v128.bitselect (local.get $v) (local.get $acc) (f32x4.gt (local.get $v) (local.get $acc))))
                  (else (f32x4.add (local.get $acc) (local.get $v)))))
                (local.set $w (i32.add (local.get $w) (i32.const 1)))
                (br $loop_w)))
              (local.set $h (i32.add (local.get $h) (i32.const 1)))
              (br $loop_h)))
            (if (i32.eqz (local.get $max)) (then (local.set $acc (f32x4.div (local.get $acc) (f32x4.splat (local.get $count))))))
            (v128.store (i32.add (local.get $y) (i32.shl (local.get $c) (i32.const 2))) (local.get $acc))
            (local.set $c (i32.add (local.get $c) (i32.const 4)))
            (br $loop_c4)))
          (block $done_c (loop $loop_c
            (br_if $done_c (i32.ge_s (local.get $c) (local.get $C)))
            (local.set $accS (select (f32.const -inf) (f32.const 0) (local.get $max)))
            (local.set $h (local.get $h0))
            (block $done_hs (loop $loop_hs
              (br_if $done_hs (i32.ge_s (local.get $h) (local.get $h1)))
              (local.set $w (local.get $w0))
              (block $done_ws (loop $loop_ws
                (br_if $done_ws (i32.ge_s (local.get $w) (local.get $w1)))
                (local.set $vS (f32.load (i32.add (local.get $x) (i32.shl
                  (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $H)) (local.get $h)) (local.get $W)) (local.get $w)) (local.get $C)) (local.get $c))
                  (i32.const 2)))))
                (local.set $accS (if (result f32) (local.get $max)
                  (then (select (local.get $vS) (local.get $accS) (f32.gt (local.get $vS) (local.get $accS))))
                  (else (f32.add (local.get $accS) (local.get $vS)))))
                (local.set $w (i32.add (local.get $w) (i32.const 1)))
                (br $loop_ws)))
              (local.set $h (i32.add (local.get $h) (i32.const 1)))
              (br $loop_hs)))
            (if (i32.eqz (local.get $max)) (then (local.set $accS (f32.div (local.get $accS) (local.get $count)))))
            (f32.store (i32.add (local.get $y) (i32.shl (local.get $c) (i32.const 2))) (local.get $accS))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $loop_c)))
          (local.set $y (i32.add (local.get $y) (i32.shl (local.get $C) (i32.const 2))))
          (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
          (br $loop_ow)))
        (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
        (br $loop_oh)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $loop_b))))

  ;; max(start, 0) and min(start + size, limit): a window's real rows or columns
  (func $lo (param $start i32) (result i32)
    (select (local.get $start) (i32.const 0) (i32.gt_s (local.get $start) (i32.const 0))))
  (func $hi (param $start i32) (param $size i32) (param $limit i32) (result i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $start) (local.get $size)))
    (select (local.get $end) (local.get $limit) (i32.lt_s (local.get $end) (local.get $limit))))

  ;; *addr += value
  (func $addAt (param $addr i32) (param $value f32)
    (f32.store (local.get $addr) (f32.add (f32.load (local.get $addr)) (local.get $value)))))
