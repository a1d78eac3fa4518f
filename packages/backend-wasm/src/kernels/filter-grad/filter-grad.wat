;; Direct conv2d filter gradients for tfjs-backend-wasm, NHWC float32, in
;; WebAssembly SIMD, for layers with few channels on one side, where the
;; XNNPACK formulations spend their time re-packing a whole activation:
;;
;;   dW[kh, kw, ci, co] = sum over n, oh, ow of
;;     x[n, oh*sh + kh*dh - pt, ow*sw + kw*dwl - pl, ci] * dy[n, oh, ow, co]
;;
;; (taps in the padding contribute nothing). dW, fh*fw*Ci*Co floats, stays
;; in cache while x and dy stream through once. Each image's sums go to the
;; scratch buffer $acc first and are then added to dW, so no float32 sum
;; runs over more than one image's pixels (as blocked GEMMs keep it short). `filterGradByCo` works on
;; four output channels a step, `filterGradByCi` (one output channel) on four
;; input channels a step; both do leftover channels one by one. The module
;; imports tfjs' memory (MEMORY_IMPORT; see scripts/assemble-wat.mjs).
(module
  (import "env" "memory" MEMORY_IMPORT)

  (func (export "filterGradByCo")
    (param $x i32) (param $dy i32) (param $dw i32) (param $acc i32)
    (param $n i32) (param $H i32) (param $W i32) (param $Ci i32)
    (param $OH i32) (param $OW i32) (param $Co i32)
    (param $fh i32) (param $fw i32) (param $sh i32) (param $sw i32)
    (param $dh i32) (param $dwl i32) (param $pt i32) (param $pl i32)
    (local $b i32) (local $oh i32) (local $ow i32) (local $kh i32) (local $kw i32)
    (local $ih i32) (local $iw i32) (local $ci i32) (local $co i32)
    (local $g i32) (local $xp i32) (local $wp i32) (local $xv v128) (local $xs f32) (local $bytes i32)
    (local.set $bytes (i32.shl (i32.mul (i32.mul (local.get $fh) (local.get $fw)) (i32.mul (local.get $Ci) (local.get $Co))) (i32.const 2)))
    (memory.fill (local.get $dw) (i32.const 0) (local.get $bytes))
    (memory.fill (local.get $acc) (i32.const 0) (local.get $bytes))
    (local.set $g (local.get $dy))
    (local.set $b (i32.const 0))
    (block $done_b (loop $loop_b
      (br_if $done_b (i32.ge_s (local.get $b) (local.get $n)))
      (local.set $oh (i32.const 0))
      (block $done_oh (loop $loop_oh
        (br_if $done_oh (i32.ge_s (local.get $oh) (local.get $OH)))
        (local.set $ow (i32.const 0))
        (block $done_ow (loop $loop_ow
          (br_if $done_ow (i32.ge_s (local.get $ow) (local.get $OW)))
          ;; $g: dy[b, oh, ow, 0]
          (local.set $kh (i32.const 0))
          (block $done_kh (loop $loop_kh
            (br_if $done_kh (i32.ge_s (local.get $kh) (local.get $fh)))
            (local.set $ih (i32.sub (i32.add (i32.mul (local.get $oh) (local.get $sh)) (i32.mul (local.get $kh) (local.get $dh))) (local.get $pt)))
            (if (i32.and (i32.ge_s (local.get $ih) (i32.const 0)) (i32.lt_s (local.get $ih) (local.get $H)))
              (then
                (local.set $kw (i32.const 0))
                (block $done_kw (loop $loop_kw
                  (br_if $done_kw (i32.ge_s (local.get $kw) (local.get $fw)))
                  (local.set $iw (i32.sub (i32.add (i32.mul (local.get $ow) (local.get $sw)) (i32.mul (local.get $kw) (local.get $dwl))) (local.get $pl)))
                  (if (i32.and (i32.ge_s (local.get $iw) (i32.const 0)) (i32.lt_s (local.get $iw) (local.get $W)))
                    (then
                      ;; $xp: x[b, ih, iw, 0]; $wp: dW[kh, kw, 0, 0]
                      (local.set $xp (i32.add (local.get $x) (i32.shl
                        (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $H)) (local.get $ih)) (local.get $W)) (local.get $iw)) (local.get $Ci))
                        (i32.const 2))))
                      (local.set $wp (i32.add (local.get $acc) (i32.shl
                        (i32.mul (i32.mul (i32.add (i32.mul (local.get $kh) (local.get $fw)) (local.get $kw)) (local.get $Ci)) (local.get $Co))
                        (i32.const 2))))
                      (local.set $ci (i32.const 0))
                      (block $done_ci (loop $loop_ci
                        (br_if $done_ci (i32.ge_s (local.get $ci) (local.get $Ci)))
                        (local.set $xs (f32.load (i32.add (local.get $xp) (i32.shl (local.get $ci) (i32.const 2)))))
                        (local.set $xv (f32x4.splat (local.get $xs)))
                        (local.set $co (i32.const 0))
                        (block $done_co4 (loop $loop_co4
                          (br_if $done_co4 (i32.gt_s (i32.add (local.get $co) (i32.const 4)) (local.get $Co)))
                          (v128.store (local.get $wp) (f32x4.add (v128.load (local.get $wp))
                            (f32x4.mul (local.get $xv) (v128.load (i32.add (local.get $g) (i32.shl (local.get $co) (i32.const 2)))))))
                          (local.set $wp (i32.add (local.get $wp) (i32.const 16)))
                          (local.set $co (i32.add (local.get $co) (i32.const 4)))
                          (br $loop_co4)))
                        (block $done_co (loop $loop_co
                          (br_if $done_co (i32.ge_s (local.get $co) (local.get $Co)))
                          (f32.store (local.get $wp) (f32.add (f32.load (local.get $wp))
                            (f32.mul (local.get $xs) (f32.load (i32.add (local.get $g) (i32.shl (local.get $co) (i32.const 2)))))))
                          (local.set $wp (i32.add (local.get $wp) (i32.const 4)))
                          (local.set $co (i32.add (local.get $co) (i32.const 1)))
                          (br $loop_co)))
                        (local.set $ci (i32.add (local.get $ci) (i32.const 1)))
                        (br $loop_ci)))))
                  (local.set $kw (i32.add (local.get $kw) (i32.const 1)))
                  (br $loop_kw)))))
            (local.set $kh (i32.add (local.get $kh) (i32.const 1)))
            (br $loop_kh)))
          (local.set $g (i32.add (local.get $g) (i32.shl (local.get $Co) (i32.const 2))))
          (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
          (br $loop_ow)))
        (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
        (br $loop_oh)))
      (call $flush (local.get $acc) (local.get $dw) (local.get $bytes))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $loop_b))))

  ;; One output channel (Co = 1): dW[kh, kw, ci] += x[.., ci] * dy, four ci a step.
  (func (export "filterGradByCi")
    (param $x i32) (param $dy i32) (param $dw i32) (param $acc i32)
    (param $n i32) (param $H i32) (param $W i32) (param $Ci i32)
    (param $OH i32) (param $OW i32)
    (param $fh i32) (param $fw i32) (param $sh i32) (param $sw i32)
    (param $dh i32) (param $dwl i32) (param $pt i32) (param $pl i32)
    (local $b i32) (local $oh i32) (local $ow i32) (local $kh i32) (local $kw i32)
    (local $ih i32) (local $iw i32) (local $ci i32)
    (local $g i32) (local $xp i32) (local $wp i32) (local $gv v128) (local $gs f32) (local $bytes i32)
    (local.set $bytes (i32.shl (i32.mul (i32.mul (local.get $fh) (local.get $fw)) (local.get $Ci)) (i32.const 2)))
    (memory.fill (local.get $dw) (i32.const 0) (local.get $bytes))
    (memory.fill (local.get $acc) (i32.const 0) (local.get $bytes))
    (local.set $g (local.get $dy))
    (local.set $b (i32.const 0))
    (block $done_b (loop $loop_b
      (br_if $done_b (i32.ge_s (local.get $b) (local.get $n)))
      (local.set $oh (i32.const 0))
      (block $done_oh (loop $loop_oh
        (br_if $done_oh (i32.ge_s (local.get $oh) (local.get $OH)))
        (local.set $ow (i32.const 0))
        (block $done_ow (loop $loop_ow
          (br_if $done_ow (i32.ge_s (local.get $ow) (local.get $OW)))
          (local.set $gs (f32.load (local.get $g)))
          (local.set $gv (f32x4.splat (local.get $gs)))
          (local.set $kh (i32.const 0))
          (block $done_kh (loop $loop_kh
            (br_if $done_kh (i32.ge_s (local.get $kh) (local.get $fh)))
            (local.set $ih (i32.sub (i32.add (i32.mul (local.get $oh) (local.get $sh)) (i32.mul (local.get $kh) (local.get $dh))) (local.get $pt)))
            (if (i32.and (i32.ge_s (local.get $ih) (i32.const 0)) (i32.lt_s (local.get $ih) (local.get $H)))
              (then
                (local.set $kw (i32.const 0))
                (block $done_kw (loop $loop_kw
                  (br_if $done_kw (i32.ge_s (local.get $kw) (local.get $fw)))
                  (local.set $iw (i32.sub (i32.add (i32.mul (local.get $ow) (local.get $sw)) (i32.mul (local.get $kw) (local.get $dwl))) (local.get $pl)))
                  (if (i32.and (i32.ge_s (local.get $iw) (i32.const 0)) (i32.lt_s (local.get $iw) (local.get $W)))
                    (then
                      (local.set $xp (i32.add (local.get $x) (i32.shl
                        (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $H)) (local.get $ih)) (local.get $W)) (local.get $iw)) (local.get $Ci))
                        (i32.const 2))))
                      (local.set $wp (i32.add (local.get $acc) (i32.shl
                        (i32.mul (i32.add (i32.mul (local.get $kh) (local.get $fw)) (local.get $kw)) (local.get $Ci))
                        (i32.const 2))))
                      (local.set $ci (i32.const 0))
                      (block $done_ci4 (loop $loop_ci4
                        (br_if $done_ci4 (i32.gt_s (i32.add (local.get $ci) (i32.const 4)) (local.get $Ci)))
                        (v128.store (local.get $wp) (f32x4.add (v128.load (local.get $wp)) (f32x4.mul (local.get $gv) (v128.load (local.get $xp)))))
                        (local.set $wp (i32.add (local.get $wp) (i32.const 16)))
                        (local.set $xp (i32.add (local.get $xp) (i32.const 16)))
                        (local.set $ci (i32.add (local.get $ci) (i32.const 4)))
                        (br $loop_ci4)))
                      (block $done_ci (loop $loop_ci
                        (br_if $done_ci (i32.ge_s (local.get $ci) (local.get $Ci)))
                        (f32.store (local.get $wp) (f32.add (f32.load (local.get $wp)) (f32.mul (local.get $gs) (f32.load (local.get $xp)))))
                        (local.set $wp (i32.add (local.get $wp) (i32.const 4)))
                        (local.set $xp (i32.add (local.get $xp) (i32.const 4)))
                        (local.set $ci (i32.add (local.get $ci) (i32.const 1)))
                        (br $loop_ci)))))
                  (local.set $kw (i32.add (local.get $kw) (i32.const 1)))
                  (br $loop_kw)))))
            (local.set $kh (i32.add (local.get $kh) (i32.const 1)))
            (br $loop_kh)))
          (local.set $g (i32.add (local.get $g) (i32.const 4)))
          (local.set $ow (i32.add (local.get $ow) (i32.const 1)))
          (br $loop_ow)))
        (local.set $oh (i32.add (local.get $oh) (i32.const 1)))
        (br $loop_oh)))
      (call $flush (local.get $acc) (local.get $dw) (local.get $bytes))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $loop_b))))
  ;; dw += acc, then acc = 0 (bytes a multiple of 4)
  (func $flush (param $acc i32) (param $dw i32) (param $bytes i32)
    (local $i i32)
    (block $done4 (loop $loop4
      (br_if $done4 (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $bytes)))
      (v128.store (i32.add (local.get $dw) (local.get $i))
        (f32x4.add (v128.load (i32.add (local.get $dw) (local.get $i))) (v128.load (i32.add (local.get $acc) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $loop4)))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $bytes)))
      (f32.store (i32.add (local.get $dw) (local.get $i))
        (f32.add (f32.load (i32.add (local.get $dw) (local.get $i))) (f32.load (i32.add (local.get $acc) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $loop)))
    (memory.fill (local.get $acc) (i32.const 0) (local.get $bytes))))
