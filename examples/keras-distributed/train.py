"""Train an autoencoder exported from Hourglass (a Keras 3 .keras file) on a
cluster with tf.distribute.MultiWorkerMirroredStrategy, and save it trained.

Every worker runs this same command with its own TF_CONFIG (the cluster's
addresses and this worker's index); with no TF_CONFIG it runs as a single
worker on this machine. The data is one .npy file of samples shaped like
the model's input (n, ...); each worker reads it and takes its share of
every batch. The autoencoder learns to give its input back: the targets are
the inputs.

  python train.py --model exported.keras --data x.npy --out trained.keras \
      --epochs 20 --batch-size 64 --loss binary_crossentropy

--batch-size is per worker (the global batch is that times the number of
workers). Use --loss binary_crossentropy for data in [0, 1] with a model
whose output ends in a sigmoid (Hourglass' BCE models export that way),
mean_squared_error otherwise. The chief (worker 0) writes --out and prints
a JSON line with the mean loss of each epoch; the other workers save to a
temporary folder, as every worker must take part in saving. Training is a
custom loop (strategy.run) rather than model.fit, which in Keras 3 fails
under MultiWorkerMirroredStrategy with more than one worker.
"""
import argparse
import json
import os
import sys
import tempfile


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--model", required=True, help="the .keras file exported from Hourglass")
    p.add_argument("--data", required=True, help=".npy file of training samples, shape (n, ...input shape)")
    p.add_argument("--out", required=True, help="where the chief writes the trained .keras file")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch-size", type=int, default=64, help="per worker")
    p.add_argument("--loss", default="mean_squared_error", choices=["mean_squared_error", "binary_crossentropy"])
    p.add_argument("--learning-rate", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=0)
    return p.parse_args(argv)


def is_chief():
    """Worker 0 (or the chief task) of TF_CONFIG; a run without TF_CONFIG is its own chief."""
    config = json.loads(os.environ.get("TF_CONFIG", "{}"))
    task = config.get("task", {})
    if not task:
        return True
    if task.get("type") == "chief":
        return True
    return task.get("type") == "worker" and task.get("index") == 0 and "chief" not in config.get("cluster", {})


def load_data(path, input_shape):
    import numpy as np

    x = np.load(path)
    if x.ndim < 1 or tuple(x.shape[1:]) != tuple(input_shape):
        sys.exit(f"{path}: samples of shape {tuple(x.shape[1:])}, the model takes {tuple(input_shape)}")
    x = x.astype("float32")
    if not np.isfinite(x).all():
        sys.exit(f"{path}: the data holds NaN or infinite values")
    return x


def train_step_fn(model, optimizer, loss_fn, strategy, global_batch):
    """One distributed step: each replica's gradient of its share of the global mean loss, summed across workers."""
    import tensorflow as tf

    def step(x):
        with tf.GradientTape() as tape:
            y = model(x, training=True)
            per_sample = loss_fn(x, y)
            per_sample = tf.reduce_mean(tf.reshape(per_sample, [tf.shape(per_sample)[0], -1]), axis=1)
            loss = tf.nn.compute_average_loss(per_sample, global_batch_size=global_batch)
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
        return loss

    @tf.function
    def distributed(x):
        return strategy.reduce("SUM", strategy.run(step, args=(x,)), axis=None)

    return distributed


def main(argv=None):
    args = parse_args(argv)
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(args.seed)
    strategy = tf.distribute.MultiWorkerMirroredStrategy()
    with strategy.scope():
        model = keras.saving.load_model(args.model, compile=False)
        optimizer = keras.optimizers.Adam(args.learning_rate)
        optimizer.build(model.trainable_variables)
        losses = {"mean_squared_error": keras.losses.MeanSquaredError, "binary_crossentropy": keras.losses.BinaryCrossentropy}
        loss_fn = losses[args.loss](reduction=None)
    x = load_data(args.data, model.input_shape[1:])
    global_batch = args.batch_size * strategy.num_replicas_in_sync
    options = tf.data.Options()
    options.experimental_distribute.auto_shard_policy = tf.data.experimental.AutoShardPolicy.DATA
    data = tf.data.Dataset.from_tensor_slices(x).shuffle(len(x), seed=args.seed, reshuffle_each_iteration=True).batch(global_batch).with_options(options)
    batches = strategy.experimental_distribute_dataset(data)
    # a custom loop rather than model.fit: Keras 3's fit does not run under MultiWorkerMirroredStrategy with more than one worker
    step = train_step_fn(model, optimizer, loss_fn, strategy, global_batch)
    history = []
    for epoch in range(args.epochs):
        total, count = 0.0, 0
        for batch in batches:
            total += float(step(batch))
            count += 1
        history.append(total / max(count, 1))
        if is_chief():
            print(f"epoch {epoch + 1}/{args.epochs}: loss {history[-1]:.6f}", file=sys.stderr)

    if is_chief():
        model.save(args.out)
        print(json.dumps({"out": args.out, "replicas": strategy.num_replicas_in_sync, "loss": history}))
    else:
        with tempfile.TemporaryDirectory() as scratch:
            model.save(os.path.join(scratch, "model.keras"))


if __name__ == "__main__":
    main()
