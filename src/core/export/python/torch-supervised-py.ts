/**
 * The supervised loops of the PyTorch train.py (classification, regression; and the
 * autoencoder, whose target is its input): LayerCanvas' batches, losses and events.
 * Needs PY_TORCH_RUNTIME, PY_SPLITS, compute_loss / correct_count / make_optimizer / learning_rate_at.
 */
export const PY_TORCH_SUPERVISED = `def to_tensors(part, device):
    inputs, y = part
    return [torch.from_numpy(np.asarray(a)).to(device) for a in inputs], torch.from_numpy(np.asarray(y)).to(device)


def score_split(model, part, batch_size, device, loss_of=None):
    """(loss, accuracy or None, samples) over a split, in inference mode."""
    xs, y = to_tensors(part, device)
    plain = getattr(model, "module", model)
    was_training = plain.training
    plain.eval()
    loss_sum, correct, labels, n = 0.0, 0, 0, int(y.shape[0])
    with torch.no_grad():
        for start in range(0, n, batch_size):
            batch = [x[start:start + batch_size] for x in xs]
            target = y[start:start + batch_size]
            out = plain(*batch)
            pred = out[0] if isinstance(out, tuple) else out
            loss = loss_of(pred, batch[0]) if loss_of else compute_loss(pred, target)
            loss_sum += loss.item() * target.shape[0]
            if loss_of is None:
                correct += correct_count(pred, target)
                labels += target.numel()
    plain.train(was_training)
    accuracy = correct / labels if CONFIG["task"] == "classification" and labels > 0 else None
    return loss_sum / max(n, 1), accuracy, n


def run_supervised(args, run, splits, autoencoder=None):
    """Classification and regression (inputs -> targets), or an autoencoder (input -> itself, with
    gaussian noise on the input when denoising): the project's optimizer, learning-rate schedule,
    loss and batch size, batches in the app's order."""
    model = Model()
    load_start_weights(model, args, run)
    model.to(run.device)
    net = model
    if run.distributed:
        net = DistributedDataParallel(model, device_ids=[run.local_rank] if run.cuda else None,
                                      find_unused_parameters=FIND_UNUSED_PARAMETERS)
    xs, y = to_tensors(splits["train"], run.device)
    count = int(y.shape[0])
    optimizer = make_optimizer(net.parameters(), args.lr)
    order = TrainingOrder(count, args.seed)
    noise = autoencoder["input_noise"] if autoencoder else 0.0
    loss_of = reconstruction_loss if autoencoder else None
    eval_batch = max(1, args.batch_size)
    run.emit({"event": "start", "task": CONFIG["task"], "samples": {k: (len(v[1]) if v else 0) for k, v in splits.items()},
              "epochs": args.epochs, "batchSize": args.batch_size, "processes": run.world, "device": str(run.device)})
    step = 0
    last_rate = args.lr
    for epoch in range(args.epochs):
        started = time.time()
        net.train()
        batches = order.epoch(args.batch_size)
        totals = [0.0, 0.0, 0.0, 0.0]  # loss sum, samples, correct, labels
        for index, positions in enumerate(batches):
            if args.max_steps and step >= args.max_steps:
                break
            mine = torch.from_numpy(run.my_part(positions)).to(run.device)
            if len(mine) == 0:
                continue  # a last batch smaller than the number of processes
            last_rate = learning_rate_at(epoch, args.epochs, index, len(batches))
            for group in optimizer.param_groups:
                group["lr"] = last_rate
            batch = [x[mine] for x in xs]
            if autoencoder:
                target = batch[0]
                if noise > 0:
                    batch = [batch[0] + noise * torch.randn_like(batch[0])]
            else:
                target = y[mine]
            out = net(*batch)
            pred = out[0] if isinstance(out, tuple) else out
            loss = loss_of(pred, target) if loss_of else compute_loss(pred, target)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            step += 1
            n = int(target.shape[0])
            totals[0] += loss.item() * n
            totals[1] += n
            if not autoencoder:
                totals[2] += correct_count(pred.detach(), target)
                totals[3] += target.numel()
            if args.log_every and step % args.log_every == 0:
                run.emit({"event": "batch", "epoch": epoch, "batch": index, "step": step, "loss": loss.item()})
        loss_sum, seen, correct, labels = run.sum_all(totals)
        event = {"event": "epoch", "epoch": epoch, "step": step, "loss": loss_sum / max(seen, 1)}
        if CONFIG["task"] == "classification":
            event["accuracy"] = correct / max(labels, 1)
        if splits["validation"] is not None and run.main:
            val_loss, val_accuracy, _ = score_split(net, splits["validation"], eval_batch, run.device, loss_of)
            event["valLoss"] = val_loss
            if val_accuracy is not None:
                event["valAccuracy"] = val_accuracy
        event.update({"learningRate": last_rate, "seconds": time.time() - started})
        run.emit(event)
        if args.max_steps and step >= args.max_steps:
            break
    save_results(net, args, run)
    # As in the app: label tasks are tested on the test split; an autoencoder on the training split when there is no test split.
    test = splits["test"] or (splits["train"] if autoencoder else None)
    done = {"event": "done", "steps": step, "out": args.out}
    if test is not None and run.main:
        loss, accuracy, n = score_split(net, test, eval_batch, run.device, loss_of)
        done["test"] = {"task": CONFIG["task"], "loss": loss, "samples": n}
        if accuracy is not None:
            done["test"]["accuracy"] = accuracy
        if autoencoder:
            done["test"]["files"] = write_reconstructions(net, test, args, run)
    run.emit(done)


def reconstruction_loss(pred, target):
    """The project's loss when it compares values (as the app's autoencoder task), else MSE."""
    kind = CONFIG["loss"] if CONFIG["loss"] in ("meanSquaredError", "meanAbsoluteError", "huber", "binaryCrossentropy") \\
        else "meanSquaredError"
    return value_loss(kind, pred.reshape(target.shape), target)


def write_reconstructions(model, part, args, run):
    """samples/reconstructions.png: a few inputs (as the network sees them) and their reconstructions."""
    plain = getattr(model, "module", model)
    plain.eval()
    xs, _ = to_tensors(part, run.device)
    x = xs[0][:8]
    with torch.no_grad():
        out = plain(x)
        out = (out[0] if isinstance(out, tuple) else out).reshape(x.shape)
    folder = os.path.join(args.out, "samples")
    os.makedirs(folder, exist_ok=True)
    pairs = torch.cat([x, out]).cpu().numpy()
    return save_samples(os.path.join(folder, "reconstructions"), pairs, tuple(x.shape[1:]))
`
