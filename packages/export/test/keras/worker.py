"""Keras for the export tests: one process answering requests, one JSON line each.

Requests on stdin, answers on stdout prefixed with REPLY (TensorFlow's own
output goes to stderr):
  {"op": "predict", "jobs": [{"file": "m.keras", "input": "x.npy", "outputs": ["y0.npy", ...]}]}
      loads each model and saves its outputs for the input; answers per job
      {"file", "ok"} or {"file", "ok": false, "error"}.
  {"op": "build", "dir": "/tmp/d"}
      builds small Keras autoencoders of the kinds people write (seeded),
      saves each as <name>.keras with its input <name>.x.npy and output
      <name>.y.npy, and answers their names.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np  # noqa: E402
import keras  # noqa: E402

out = sys.stdout
sys.stdout = sys.stderr  # anything printed by libraries stays out of the replies


def reply(obj):
    out.write("REPLY " + json.dumps(obj) + "\n")
    out.flush()


def predict(jobs):
    answers = []
    for job in jobs:
        try:
            model = keras.saving.load_model(job["file"])
            x = np.load(job["input"])
            y = model(x, training=False)
            ys = y if isinstance(y, (list, tuple)) else [y]
            if len(ys) != len(job["outputs"]):
                raise ValueError(f"{len(ys)} outputs, expected {len(job['outputs'])}")
            for path, value in zip(job["outputs"], ys):
                np.save(path, np.asarray(value, dtype=np.float32))
            answers.append({"file": job["file"], "ok": True})
        except Exception as e:  # reported per model, the others still run
            answers.append({"file": job["file"], "ok": False, "error": f"{type(e).__name__}: {e}"})
    return {"jobs": answers}


def fixtures():
    L = keras.layers
    keras.utils.set_random_seed(3)
    models = {}
    models["dense"] = keras.Sequential(
        [keras.Input((10,)), L.Dense(6, activation="relu"), L.Dropout(0.2), L.Dense(3, activation="elu"), L.Dense(6, activation="tanh"), L.Dense(10, activation="sigmoid")],
        name="dense_ae",
    )
    models["conv"] = keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            L.Conv2D(4, 3, padding="same", activation="relu"),
            L.MaxPooling2D(2),
            L.Conv2D(2, 3, padding="same", activation="relu"),
            L.UpSampling2D(2),
            L.Conv2DTranspose(3, 3, strides=1, padding="same", activation="relu"),
            L.Conv2D(1, 3, padding="same", activation="sigmoid"),
        ],
        name="conv_ae",
    )
    inp = keras.Input((7, 2))
    h = L.LSTM(5, name="enc_lstm")(inp)
    h = L.RepeatVector(7)(h)
    h = L.LSTM(4, return_sequences=True, name="dec_lstm")(h)
    models["lstm"] = keras.Model(inp, L.Dense(2)(h), name="lstm_ae")
    encoder = keras.Sequential([keras.Input((4, 3)), L.Flatten(), L.Dense(5), L.LeakyReLU(negative_slope=0.2), L.Dense(2, activation="linear")], name="encoder")
    dec_in = keras.Input((2,))
    d = L.Dense(12, activation="softplus")(dec_in)
    decoder = keras.Model(dec_in, L.Reshape((4, 3))(d), name="decoder")
    ae_in = keras.Input((4, 3))
    models["nested"] = keras.Model(ae_in, decoder(encoder(ae_in)), name="nested_ae")
    rng = np.random.default_rng(5)
    for m in models.values():  # biases away from zero, so a misplaced one shows
        for w in m.weights:
            w.assign(np.asarray(w.numpy() + rng.uniform(-0.3, 0.3, w.shape), dtype=np.float32))
    return models


def build(directory):
    names = []
    for name, model in fixtures().items():
        x = np.random.default_rng(7).uniform(0, 1, (3, *model.input_shape[1:])).astype(np.float32)
        model.save(os.path.join(directory, f"{name}.keras"))
        np.save(os.path.join(directory, f"{name}.x.npy"), x)
        np.save(os.path.join(directory, f"{name}.y.npy"), np.asarray(model(x, training=False), dtype=np.float32))
        names.append(name)
    return {"models": names}


for line in sys.stdin:
    if not line.strip():
        continue
    request = json.loads(line)
    try:
        if request["op"] == "predict":
            reply({"ok": True, **predict(request["jobs"])})
        elif request["op"] == "build":
            reply({"ok": True, **build(request["dir"])})
        else:
            reply({"ok": False, "error": f"unknown op {request['op']}"})
    except Exception as e:
        reply({"ok": False, "error": f"{type(e).__name__}: {e}"})
