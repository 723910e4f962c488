"""Plausible wrong answers for 06_transfer_learning.ipynb; each must make a graded cell fail.

Each mutant is the solution cell with one mistake a learner could make.
"""
RUNNER = "fork"  # state lives in memory (the cached checkpoint is written before any mutated cell)
MUTANTS = {
    'replace_head': {
        'new_head_on_cpu_float32': r'''
def replace_head(model: nn.Module, num_classes: int) -> nn.Module:
    """Swap model.fc for a new, randomly initialised nn.Linear(model.fc.in_features, num_classes) with a bias,
    on the old head's device and dtype. Returns the same model. num_classes < 1 -> ValueError."""
    ### BEGIN SOLUTION
    if num_classes < 1:
        raise ValueError(f"replace_head: num_classes must be at least 1, got {num_classes}.")
    old = model.fc
    model.fc = nn.Linear(old.in_features, num_classes)
    return model
    ### END SOLUTION
''',
        'keeps_old_head_weights': r'''
def replace_head(model: nn.Module, num_classes: int) -> nn.Module:
    """Swap model.fc for a new, randomly initialised nn.Linear(model.fc.in_features, num_classes) with a bias,
    on the old head's device and dtype. Returns the same model. num_classes < 1 -> ValueError."""
    ### BEGIN SOLUTION
    if num_classes < 1:
        raise ValueError(f"replace_head: num_classes must be at least 1, got {num_classes}.")
    old = model.fc
    model.fc = nn.Linear(old.in_features, num_classes).to(device=old.weight.device, dtype=old.weight.dtype)
    with torch.no_grad():
        model.fc.weight.copy_(old.weight[:num_classes]) if num_classes <= old.out_features else None
    return model
    ### END SOLUTION
''',
        'no_bias': r'''
def replace_head(model: nn.Module, num_classes: int) -> nn.Module:
    """Swap model.fc for a new, randomly initialised nn.Linear(model.fc.in_features, num_classes) with a bias,
    on the old head's device and dtype. Returns the same model. num_classes < 1 -> ValueError."""
    ### BEGIN SOLUTION
    if num_classes < 1:
        raise ValueError(f"replace_head: num_classes must be at least 1, got {num_classes}.")
    old = model.fc
    model.fc = nn.Linear(old.in_features, num_classes, bias=False).to(device=old.weight.device, dtype=old.weight.dtype)
    return model
    ### END SOLUTION
''',
        'no_validation': r'''
def replace_head(model: nn.Module, num_classes: int) -> nn.Module:
    """Swap model.fc for a new, randomly initialised nn.Linear(model.fc.in_features, num_classes) with a bias,
    on the old head's device and dtype. Returns the same model. num_classes < 1 -> ValueError."""
    ### BEGIN SOLUTION
    old = model.fc
    model.fc = nn.Linear(old.in_features, num_classes).to(device=old.weight.device, dtype=old.weight.dtype)
    return model
    ### END SOLUTION
''',
        'returns_new_layer': r'''
def replace_head(model: nn.Module, num_classes: int) -> nn.Module:
    """Swap model.fc for a new, randomly initialised nn.Linear(model.fc.in_features, num_classes) with a bias,
    on the old head's device and dtype. Returns the same model. num_classes < 1 -> ValueError."""
    ### BEGIN SOLUTION
    if num_classes < 1:
        raise ValueError(f"replace_head: num_classes must be at least 1, got {num_classes}.")
    old = model.fc
    model.fc = nn.Linear(old.in_features, num_classes).to(device=old.weight.device, dtype=old.weight.dtype)
    return model.fc
    ### END SOLUTION
''',
    },
    'set_trainable': {
        'startswith_match': r'''
def set_trainable(model: nn.Module, trainable: list[str]) -> nn.Module:
    """requires_grad = True for every parameter of the top-level modules named in `trainable`
    (names from model.named_children()), False for every other parameter. Returns the same model.
    A name that is not a top-level module -> ValueError naming it."""
    ### BEGIN SOLUTION
    children = dict(model.named_children())
    unknown = sorted(set(trainable) - set(children))
    if unknown:
        raise ValueError(f"set_trainable: {unknown} are not top-level modules of this model; it has {list(children)}.")
    for name, child in children.items():
        child.requires_grad_(any(name.startswith(t) for t in trainable))
    return model
    ### END SOLUTION
''',
        'only_unfreezes': r'''
def set_trainable(model: nn.Module, trainable: list[str]) -> nn.Module:
    """requires_grad = True for every parameter of the top-level modules named in `trainable`
    (names from model.named_children()), False for every other parameter. Returns the same model.
    A name that is not a top-level module -> ValueError naming it."""
    ### BEGIN SOLUTION
    children = dict(model.named_children())
    unknown = sorted(set(trainable) - set(children))
    if unknown:
        raise ValueError(f"set_trainable: {unknown} are not top-level modules of this model; it has {list(children)}.")
    for name, child in children.items():
        if name in trainable:
            child.requires_grad_(True)
    return model
    ### END SOLUTION
''',
        'ignores_unknown_names': r'''
def set_trainable(model: nn.Module, trainable: list[str]) -> nn.Module:
    """requires_grad = True for every parameter of the top-level modules named in `trainable`
    (names from model.named_children()), False for every other parameter. Returns the same model.
    A name that is not a top-level module -> ValueError naming it."""
    ### BEGIN SOLUTION
    children = dict(model.named_children())
    unknown = sorted(set(trainable) - set(children))
    if False:
        raise ValueError(f"set_trainable: {unknown} are not top-level modules of this model; it has {list(children)}.")
    for name, child in children.items():
        child.requires_grad_(name in trainable)
    return model
    ### END SOLUTION
''',
        'inverted': r'''
def set_trainable(model: nn.Module, trainable: list[str]) -> nn.Module:
    """requires_grad = True for every parameter of the top-level modules named in `trainable`
    (names from model.named_children()), False for every other parameter. Returns the same model.
    A name that is not a top-level module -> ValueError naming it."""
    ### BEGIN SOLUTION
    children = dict(model.named_children())
    unknown = sorted(set(trainable) - set(children))
    if unknown:
        raise ValueError(f"set_trainable: {unknown} are not top-level modules of this model; it has {list(children)}.")
    for name, child in children.items():
        child.requires_grad_(name not in trainable)
    return model
    ### END SOLUTION
''',
    },
    'discriminative_param_groups': {
        'decay_towards_head': r'''
def discriminative_param_groups(model: nn.Module, layer_groups: list[list[str]], lr: float, decay: float) -> list[dict]:
    """Optimizer parameter groups, one per layer group (earliest first): group k of n gets the learning rate
    lr * decay ** k, so the last group (the head) gets lr. Only trainable parameters go in; a group
    with none is left out. A trainable parameter in no group -> ValueError.
    -> [{"params": [Parameter, ...], "lr": float}, ...], ready for torch.optim.AdamW(groups)."""
    ### BEGIN SOLUTION
    children = dict(model.named_children())
    n = len(layer_groups)
    groups, covered = [], set()
    for k, names in enumerate(layer_groups):
        params = [p for name in names for p in children[name].parameters() if p.requires_grad]
        covered |= {id(p) for p in params}
        if params:
            groups.append({"params": params, "lr": lr * decay ** k})
    missing = [name for name, p in model.named_parameters() if p.requires_grad and id(p) not in covered]
    if missing:
        raise ValueError(f"discriminative_param_groups: trainable parameters in no layer group: {missing[:3]}")
    return groups
    ### END SOLUTION
''',
        'includes_frozen': r'''
def discriminative_param_groups(model: nn.Module, layer_groups: list[list[str]], lr: float, decay: float) -> list[dict]:
    """Optimizer parameter groups, one per layer group (earliest first): group k of n gets the learning rate
    lr * decay ** (n - 1 - k), so the last group (the head) gets lr. Only trainable parameters go in; a group
    with none is left out. A trainable parameter in no group -> ValueError.
    -> [{"params": [Parameter, ...], "lr": float}, ...], ready for torch.optim.AdamW(groups)."""
    ### BEGIN SOLUTION
    children = dict(model.named_children())
    n = len(layer_groups)
    groups, covered = [], set()
    for k, names in enumerate(layer_groups):
        params = [p for name in names for p in children[name].parameters()]
        covered |= {id(p) for p in params}
        if params:
            groups.append({"params": params, "lr": lr * decay ** (n - 1 - k)})
    missing = [name for name, p in model.named_parameters() if p.requires_grad and id(p) not in covered]
    if missing:
        raise ValueError(f"discriminative_param_groups: trainable parameters in no layer group: {missing[:3]}")
    return groups
    ### END SOLUTION
''',
        'exponent_after_dropping': r'''
def discriminative_param_groups(model: nn.Module, layer_groups: list[list[str]], lr: float, decay: float) -> list[dict]:
    """Optimizer parameter groups, one per layer group (earliest first): group k of n gets the learning rate
    lr * decay ** (n - 1 - k), so the last group (the head) gets lr. Only trainable parameters go in; a group
    with none is left out. A trainable parameter in no group -> ValueError.
    -> [{"params": [Parameter, ...], "lr": float}, ...], ready for torch.optim.AdamW(groups)."""
    ### BEGIN SOLUTION
    children = dict(model.named_children())
    n = len(layer_groups)
    groups, covered = [], set()
    for k, names in enumerate(layer_groups):
        params = [p for name in names for p in children[name].parameters() if p.requires_grad]
        covered |= {id(p) for p in params}
        if params:
            groups.append({"params": params})
    for j, g in enumerate(groups):
        g["lr"] = lr * decay ** (len(groups) - 1 - j)
    missing = [name for name, p in model.named_parameters() if p.requires_grad and id(p) not in covered]
    if missing:
        raise ValueError(f"discriminative_param_groups: trainable parameters in no layer group: {missing[:3]}")
    return groups
    ### END SOLUTION
''',
        'no_coverage_check': r'''
def discriminative_param_groups(model: nn.Module, layer_groups: list[list[str]], lr: float, decay: float) -> list[dict]:
    """Optimizer parameter groups, one per layer group (earliest first): group k of n gets the learning rate
    lr * decay ** (n - 1 - k), so the last group (the head) gets lr. Only trainable parameters go in; a group
    with none is left out. A trainable parameter in no group -> ValueError.
    -> [{"params": [Parameter, ...], "lr": float}, ...], ready for torch.optim.AdamW(groups)."""
    ### BEGIN SOLUTION
    children = dict(model.named_children())
    n = len(layer_groups)
    groups, covered = [], set()
    for k, names in enumerate(layer_groups):
        params = [p for name in names for p in children[name].parameters() if p.requires_grad]
        covered |= {id(p) for p in params}
        if params:
            groups.append({"params": params, "lr": lr * decay ** (n - 1 - k)})
    missing = [name for name, p in model.named_parameters() if p.requires_grad and id(p) not in covered]
    if False:
        raise ValueError(f"discriminative_param_groups: trainable parameters in no layer group: {missing[:3]}")
    return groups
    ### END SOLUTION
''',
        'keeps_empty_groups': r'''
def discriminative_param_groups(model: nn.Module, layer_groups: list[list[str]], lr: float, decay: float) -> list[dict]:
    """Optimizer parameter groups, one per layer group (earliest first): group k of n gets the learning rate
    lr * decay ** (n - 1 - k), so the last group (the head) gets lr. Only trainable parameters go in; a group
    with none is left out. A trainable parameter in no group -> ValueError.
    -> [{"params": [Parameter, ...], "lr": float}, ...], ready for torch.optim.AdamW(groups)."""
    ### BEGIN SOLUTION
    children = dict(model.named_children())
    n = len(layer_groups)
    groups, covered = [], set()
    for k, names in enumerate(layer_groups):
        params = [p for name in names for p in children[name].parameters() if p.requires_grad]
        covered |= {id(p) for p in params}
        if True:
            groups.append({"params": params, "lr": lr * decay ** (n - 1 - k)})
    missing = [name for name, p in model.named_parameters() if p.requires_grad and id(p) not in covered]
    if missing:
        raise ValueError(f"discriminative_param_groups: trainable parameters in no layer group: {missing[:3]}")
    return groups
    ### END SOLUTION
''',
    },
    'lr_range_test': {
        'linear_spacing': r'''
def lr_range_test(model: nn.Module, loader, loss_fn, optimizer: torch.optim.Optimizer, lr_min: float = 1e-6,
                  lr_max: float = 1.0, num_steps: int = 100, diverge: float = 4.0) -> tuple[list[float], list[float]]:
    """Leslie Smith's learning-rate range test. Step i (0-based) trains on the next batch (starting the loader
    again when it runs out) with every group's lr = lr_min * (lr_max / lr_min) ** (i / (num_steps - 1)), and records
    that lr and the batch's loss before the update. Stops after the step whose loss is not finite or exceeds
    diverge * the lowest loss so far. The model's and the optimizer's states are restored at the end.
    -> (lrs, losses): two lists of floats of the same length, at most num_steps."""
    ### BEGIN SOLUTION
    model_state = copy.deepcopy(model.state_dict())
    optimizer_state = copy.deepcopy(optimizer.state_dict())
    device = next(model.parameters()).device
    model.train()
    lrs, losses, batches = [], [], iter(loader)
    for i in range(num_steps):
        try:
            X_batch, y_batch = next(batches)
        except StopIteration:                              # the loader ran out: start it again
            batches = iter(loader)
            X_batch, y_batch = next(batches)
        step_lr = lr_min + (lr_max - lr_min) * i / (num_steps - 1)
        for group in optimizer.param_groups:
            group["lr"] = step_lr
        optimizer.zero_grad()
        loss = loss_fn(model(X_batch.to(device)), y_batch.to(device))
        loss.backward()
        optimizer.step()
        lrs.append(step_lr)
        losses.append(loss.item())
        if not math.isfinite(losses[-1]) or losses[-1] > diverge * min(losses):
            break
    model.load_state_dict(model_state)
    optimizer.load_state_dict(optimizer_state)
    return lrs, losses
    ### END SOLUTION
''',
        'no_restore': r'''
def lr_range_test(model: nn.Module, loader, loss_fn, optimizer: torch.optim.Optimizer, lr_min: float = 1e-6,
                  lr_max: float = 1.0, num_steps: int = 100, diverge: float = 4.0) -> tuple[list[float], list[float]]:
    """Leslie Smith's learning-rate range test. Step i (0-based) trains on the next batch (starting the loader
    again when it runs out) with every group's lr = lr_min * (lr_max / lr_min) ** (i / (num_steps - 1)), and records
    that lr and the batch's loss before the update. Stops after the step whose loss is not finite or exceeds
    diverge * the lowest loss so far. The model's and the optimizer's states are restored at the end.
    -> (lrs, losses): two lists of floats of the same length, at most num_steps."""
    ### BEGIN SOLUTION
    model_state = copy.deepcopy(model.state_dict())
    optimizer_state = copy.deepcopy(optimizer.state_dict())
    device = next(model.parameters()).device
    model.train()
    lrs, losses, batches = [], [], iter(loader)
    for i in range(num_steps):
        try:
            X_batch, y_batch = next(batches)
        except StopIteration:                              # the loader ran out: start it again
            batches = iter(loader)
            X_batch, y_batch = next(batches)
        step_lr = lr_min * (lr_max / lr_min) ** (i / (num_steps - 1))
        for group in optimizer.param_groups:
            group["lr"] = step_lr
        optimizer.zero_grad()
        loss = loss_fn(model(X_batch.to(device)), y_batch.to(device))
        loss.backward()
        optimizer.step()
        lrs.append(step_lr)
        losses.append(loss.item())
        if not math.isfinite(losses[-1]) or losses[-1] > diverge * min(losses):
            break
    optimizer.load_state_dict(optimizer_state)
    return lrs, losses
    ### END SOLUTION
''',
        'no_optimizer_restore': r'''
def lr_range_test(model: nn.Module, loader, loss_fn, optimizer: torch.optim.Optimizer, lr_min: float = 1e-6,
                  lr_max: float = 1.0, num_steps: int = 100, diverge: float = 4.0) -> tuple[list[float], list[float]]:
    """Leslie Smith's learning-rate range test. Step i (0-based) trains on the next batch (starting the loader
    again when it runs out) with every group's lr = lr_min * (lr_max / lr_min) ** (i / (num_steps - 1)), and records
    that lr and the batch's loss before the update. Stops after the step whose loss is not finite or exceeds
    diverge * the lowest loss so far. The model's and the optimizer's states are restored at the end.
    -> (lrs, losses): two lists of floats of the same length, at most num_steps."""
    ### BEGIN SOLUTION
    model_state = copy.deepcopy(model.state_dict())
    optimizer_state = copy.deepcopy(optimizer.state_dict())
    device = next(model.parameters()).device
    model.train()
    lrs, losses, batches = [], [], iter(loader)
    for i in range(num_steps):
        try:
            X_batch, y_batch = next(batches)
        except StopIteration:                              # the loader ran out: start it again
            batches = iter(loader)
            X_batch, y_batch = next(batches)
        step_lr = lr_min * (lr_max / lr_min) ** (i / (num_steps - 1))
        for group in optimizer.param_groups:
            group["lr"] = step_lr
        optimizer.zero_grad()
        loss = loss_fn(model(X_batch.to(device)), y_batch.to(device))
        loss.backward()
        optimizer.step()
        lrs.append(step_lr)
        losses.append(loss.item())
        if not math.isfinite(losses[-1]) or losses[-1] > diverge * min(losses):
            break
    model.load_state_dict(model_state)
    return lrs, losses
    ### END SOLUTION
''',
        'no_divergence_stop': r'''
def lr_range_test(model: nn.Module, loader, loss_fn, optimizer: torch.optim.Optimizer, lr_min: float = 1e-6,
                  lr_max: float = 1.0, num_steps: int = 100, diverge: float = 4.0) -> tuple[list[float], list[float]]:
    """Leslie Smith's learning-rate range test. Step i (0-based) trains on the next batch (starting the loader
    again when it runs out) with every group's lr = lr_min * (lr_max / lr_min) ** (i / (num_steps - 1)), and records
    that lr and the batch's loss before the update. Stops after the step whose loss is not finite or exceeds
    diverge * the lowest loss so far. The model's and the optimizer's states are restored at the end.
    -> (lrs, losses): two lists of floats of the same length, at most num_steps."""
    ### BEGIN SOLUTION
    model_state = copy.deepcopy(model.state_dict())
    optimizer_state = copy.deepcopy(optimizer.state_dict())
    device = next(model.parameters()).device
    model.train()
    lrs, losses, batches = [], [], iter(loader)
    for i in range(num_steps):
        try:
            X_batch, y_batch = next(batches)
        except StopIteration:                              # the loader ran out: start it again
            batches = iter(loader)
            X_batch, y_batch = next(batches)
        step_lr = lr_min * (lr_max / lr_min) ** (i / (num_steps - 1))
        for group in optimizer.param_groups:
            group["lr"] = step_lr
        optimizer.zero_grad()
        loss = loss_fn(model(X_batch.to(device)), y_batch.to(device))
        loss.backward()
        optimizer.step()
        lrs.append(step_lr)
        losses.append(loss.item())
    model.load_state_dict(model_state)
    optimizer.load_state_dict(optimizer_state)
    return lrs, losses
    ### END SOLUTION
''',
        'first_group_only': r'''
def lr_range_test(model: nn.Module, loader, loss_fn, optimizer: torch.optim.Optimizer, lr_min: float = 1e-6,
                  lr_max: float = 1.0, num_steps: int = 100, diverge: float = 4.0) -> tuple[list[float], list[float]]:
    """Leslie Smith's learning-rate range test. Step i (0-based) trains on the next batch (starting the loader
    again when it runs out) with every group's lr = lr_min * (lr_max / lr_min) ** (i / (num_steps - 1)), and records
    that lr and the batch's loss before the update. Stops after the step whose loss is not finite or exceeds
    diverge * the lowest loss so far. The model's and the optimizer's states are restored at the end.
    -> (lrs, losses): two lists of floats of the same length, at most num_steps."""
    ### BEGIN SOLUTION
    model_state = copy.deepcopy(model.state_dict())
    optimizer_state = copy.deepcopy(optimizer.state_dict())
    device = next(model.parameters()).device
    model.train()
    lrs, losses, batches = [], [], iter(loader)
    for i in range(num_steps):
        try:
            X_batch, y_batch = next(batches)
        except StopIteration:                              # the loader ran out: start it again
            batches = iter(loader)
            X_batch, y_batch = next(batches)
        step_lr = lr_min * (lr_max / lr_min) ** (i / (num_steps - 1))
        optimizer.param_groups[0]["lr"] = step_lr
        optimizer.zero_grad()
        loss = loss_fn(model(X_batch.to(device)), y_batch.to(device))
        loss.backward()
        optimizer.step()
        lrs.append(step_lr)
        losses.append(loss.item())
        if not math.isfinite(losses[-1]) or losses[-1] > diverge * min(losses):
            break
    model.load_state_dict(model_state)
    optimizer.load_state_dict(optimizer_state)
    return lrs, losses
    ### END SOLUTION
''',
        'shallow_state_copy': r'''
def lr_range_test(model: nn.Module, loader, loss_fn, optimizer: torch.optim.Optimizer, lr_min: float = 1e-6,
                  lr_max: float = 1.0, num_steps: int = 100, diverge: float = 4.0) -> tuple[list[float], list[float]]:
    """Leslie Smith's learning-rate range test. Step i (0-based) trains on the next batch (starting the loader
    again when it runs out) with every group's lr = lr_min * (lr_max / lr_min) ** (i / (num_steps - 1)), and records
    that lr and the batch's loss before the update. Stops after the step whose loss is not finite or exceeds
    diverge * the lowest loss so far. The model's and the optimizer's states are restored at the end.
    -> (lrs, losses): two lists of floats of the same length, at most num_steps."""
    ### BEGIN SOLUTION
    model_state = model.state_dict()
    optimizer_state = copy.deepcopy(optimizer.state_dict())
    device = next(model.parameters()).device
    model.train()
    lrs, losses, batches = [], [], iter(loader)
    for i in range(num_steps):
        try:
            X_batch, y_batch = next(batches)
        except StopIteration:                              # the loader ran out: start it again
            batches = iter(loader)
            X_batch, y_batch = next(batches)
        step_lr = lr_min * (lr_max / lr_min) ** (i / (num_steps - 1))
        for group in optimizer.param_groups:
            group["lr"] = step_lr
        optimizer.zero_grad()
        loss = loss_fn(model(X_batch.to(device)), y_batch.to(device))
        loss.backward()
        optimizer.step()
        lrs.append(step_lr)
        losses.append(loss.item())
        if not math.isfinite(losses[-1]) or losses[-1] > diverge * min(losses):
            break
    model.load_state_dict(model_state)
    optimizer.load_state_dict(optimizer_state)
    return lrs, losses
    ### END SOLUTION
''',
        'loss_after_update': r'''
def lr_range_test(model: nn.Module, loader, loss_fn, optimizer: torch.optim.Optimizer, lr_min: float = 1e-6,
                  lr_max: float = 1.0, num_steps: int = 100, diverge: float = 4.0) -> tuple[list[float], list[float]]:
    """Leslie Smith's learning-rate range test. Step i (0-based) trains on the next batch (starting the loader
    again when it runs out) with every group's lr = lr_min * (lr_max / lr_min) ** (i / (num_steps - 1)), and records
    that lr and the batch's loss before the update. Stops after the step whose loss is not finite or exceeds
    diverge * the lowest loss so far. The model's and the optimizer's states are restored at the end.
    -> (lrs, losses): two lists of floats of the same length, at most num_steps."""
    ### BEGIN SOLUTION
    model_state = copy.deepcopy(model.state_dict())
    optimizer_state = copy.deepcopy(optimizer.state_dict())
    device = next(model.parameters()).device
    model.train()
    lrs, losses, batches = [], [], iter(loader)
    for i in range(num_steps):
        try:
            X_batch, y_batch = next(batches)
        except StopIteration:                              # the loader ran out: start it again
            batches = iter(loader)
            X_batch, y_batch = next(batches)
        step_lr = lr_min * (lr_max / lr_min) ** (i / (num_steps - 1))
        for group in optimizer.param_groups:
            group["lr"] = step_lr
        optimizer.zero_grad()
        loss = loss_fn(model(X_batch.to(device)), y_batch.to(device))
        loss.backward()
        optimizer.step()
        lrs.append(step_lr)
        with torch.no_grad():
            losses.append(loss_fn(model(X_batch.to(device)), y_batch.to(device)).item())
        if not math.isfinite(losses[-1]) or losses[-1] > diverge * min(losses):
            break
    model.load_state_dict(model_state)
    optimizer.load_state_dict(optimizer_state)
    return lrs, losses
    ### END SOLUTION
''',
    },
    'steepest_lr': {
        'lowest_loss': r'''
def steepest_lr(lrs, losses) -> float:
    """The learning rate at which the loss falls fastest against log(lr): lrs[argmin of d loss / d log lr],
    the slope taken with np.gradient. lrs, losses: (N,) with N >= 3 -> a float from lrs.
    Fewer than 3 points, or lengths that differ -> ValueError."""
    ### BEGIN SOLUTION
    lrs, losses = np.asarray(lrs, dtype=np.float64), np.asarray(losses, dtype=np.float64)
    if lrs.shape != losses.shape or lrs.ndim != 1 or len(lrs) < 3:
        raise ValueError(f"steepest_lr: need two 1-D sequences of the same length >= 3, got {lrs.shape} and {losses.shape}.")
    return float(lrs[np.argmin(losses)])
    ### END SOLUTION
''',
        'slope_per_index': r'''
def steepest_lr(lrs, losses) -> float:
    """The learning rate at which the loss falls fastest against log(lr): lrs[argmin of d loss / d log lr],
    the slope taken with np.gradient. lrs, losses: (N,) with N >= 3 -> a float from lrs.
    Fewer than 3 points, or lengths that differ -> ValueError."""
    ### BEGIN SOLUTION
    lrs, losses = np.asarray(lrs, dtype=np.float64), np.asarray(losses, dtype=np.float64)
    if lrs.shape != losses.shape or lrs.ndim != 1 or len(lrs) < 3:
        raise ValueError(f"steepest_lr: need two 1-D sequences of the same length >= 3, got {lrs.shape} and {losses.shape}.")
    slopes = np.gradient(losses)        # (N,) d loss / d log lr
    return float(lrs[np.argmin(slopes)])
    ### END SOLUTION
''',
        'slope_against_lr': r'''
def steepest_lr(lrs, losses) -> float:
    """The learning rate at which the loss falls fastest against log(lr): lrs[argmin of d loss / d log lr],
    the slope taken with np.gradient. lrs, losses: (N,) with N >= 3 -> a float from lrs.
    Fewer than 3 points, or lengths that differ -> ValueError."""
    ### BEGIN SOLUTION
    lrs, losses = np.asarray(lrs, dtype=np.float64), np.asarray(losses, dtype=np.float64)
    if lrs.shape != losses.shape or lrs.ndim != 1 or len(lrs) < 3:
        raise ValueError(f"steepest_lr: need two 1-D sequences of the same length >= 3, got {lrs.shape} and {losses.shape}.")
    slopes = np.gradient(losses, lrs)        # (N,) d loss / d log lr
    return float(lrs[np.argmin(slopes)])
    ### END SOLUTION
''',
        'steepest_ascent': r'''
def steepest_lr(lrs, losses) -> float:
    """The learning rate at which the loss falls fastest against log(lr): lrs[argmin of d loss / d log lr],
    the slope taken with np.gradient. lrs, losses: (N,) with N >= 3 -> a float from lrs.
    Fewer than 3 points, or lengths that differ -> ValueError."""
    ### BEGIN SOLUTION
    lrs, losses = np.asarray(lrs, dtype=np.float64), np.asarray(losses, dtype=np.float64)
    if lrs.shape != losses.shape or lrs.ndim != 1 or len(lrs) < 3:
        raise ValueError(f"steepest_lr: need two 1-D sequences of the same length >= 3, got {lrs.shape} and {losses.shape}.")
    slopes = np.gradient(losses, np.log(lrs))        # (N,) d loss / d log lr
    return float(lrs[np.argmax(slopes)])
    ### END SOLUTION
''',
        'forward_differences': r'''
def steepest_lr(lrs, losses) -> float:
    """The learning rate at which the loss falls fastest against log(lr): lrs[argmin of d loss / d log lr],
    the slope taken with np.gradient. lrs, losses: (N,) with N >= 3 -> a float from lrs.
    Fewer than 3 points, or lengths that differ -> ValueError."""
    ### BEGIN SOLUTION
    lrs, losses = np.asarray(lrs, dtype=np.float64), np.asarray(losses, dtype=np.float64)
    if lrs.shape != losses.shape or lrs.ndim != 1 or len(lrs) < 3:
        raise ValueError(f"steepest_lr: need two 1-D sequences of the same length >= 3, got {lrs.shape} and {losses.shape}.")
    slopes = np.diff(losses) / np.diff(np.log(lrs))
    return float(lrs[np.argmin(slopes)])
    ### END SOLUTION
''',
    },
    'train_head': {
        'no_freeze': r'''
def train_head(model: nn.Module, train_loader, val_loader, loss_fn, head: list[str], lr: float,
               num_epochs: int) -> dict[str, list[float]]:
    """Stage 1: freeze everything but the modules named in `head` (set_trainable), then train with
    torch.optim.AdamW (default weight decay) at `lr` on the trainable parameters only, for num_epochs with
    aipath.training.fit (show_progress=False) on the model's device. -> fit's history dict."""
    ### BEGIN SOLUTION
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr)
    device = next(model.parameters()).device
    return fit(model, train_loader, val_loader, loss_fn, optimizer, num_epochs, device, show_progress=False)
    ### END SOLUTION
''',
        'hard_coded_fc': r'''
def train_head(model: nn.Module, train_loader, val_loader, loss_fn, head: list[str], lr: float,
               num_epochs: int) -> dict[str, list[float]]:
    """Stage 1: freeze everything but the modules named in `head` (set_trainable), then train with
    torch.optim.AdamW (default weight decay) at `lr` on the trainable parameters only, for num_epochs with
    aipath.training.fit (show_progress=False) on the model's device. -> fit's history dict."""
    ### BEGIN SOLUTION
    set_trainable(model, ["fc"])
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr)
    device = next(model.parameters()).device
    return fit(model, train_loader, val_loader, loss_fn, optimizer, num_epochs, device, show_progress=False)
    ### END SOLUTION
''',
        'sgd': r'''
def train_head(model: nn.Module, train_loader, val_loader, loss_fn, head: list[str], lr: float,
               num_epochs: int) -> dict[str, list[float]]:
    """Stage 1: freeze everything but the modules named in `head` (set_trainable), then train with
    torch.optim.AdamW (default weight decay) at `lr` on the trainable parameters only, for num_epochs with
    aipath.training.fit (show_progress=False) on the model's device. -> fit's history dict."""
    ### BEGIN SOLUTION
    set_trainable(model, head)
    optimizer = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=lr)
    device = next(model.parameters()).device
    return fit(model, train_loader, val_loader, loss_fn, optimizer, num_epochs, device, show_progress=False)
    ### END SOLUTION
''',
        'one_epoch': r'''
def train_head(model: nn.Module, train_loader, val_loader, loss_fn, head: list[str], lr: float,
               num_epochs: int) -> dict[str, list[float]]:
    """Stage 1: freeze everything but the modules named in `head` (set_trainable), then train with
    torch.optim.AdamW (default weight decay) at `lr` on the trainable parameters only, for num_epochs with
    aipath.training.fit (show_progress=False) on the model's device. -> fit's history dict."""
    ### BEGIN SOLUTION
    set_trainable(model, head)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr)
    device = next(model.parameters()).device
    return fit(model, train_loader, val_loader, loss_fn, optimizer, 1, device, show_progress=False)
    ### END SOLUTION
''',
        'freeze_after_optimizer_on_all': r'''
def train_head(model: nn.Module, train_loader, val_loader, loss_fn, head: list[str], lr: float,
               num_epochs: int) -> dict[str, list[float]]:
    """Stage 1: freeze everything but the modules named in `head` (set_trainable), then train with
    torch.optim.AdamW (default weight decay) at `lr` on the trainable parameters only, for num_epochs with
    aipath.training.fit (show_progress=False) on the model's device. -> fit's history dict."""
    ### BEGIN SOLUTION
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    device = next(model.parameters()).device
    return fit(model, train_loader, val_loader, loss_fn, optimizer, num_epochs, device, show_progress=False)
    ### END SOLUTION
''',
    },
    'train_unfrozen': {
        'no_unfreeze': r'''
def train_unfrozen(model: nn.Module, train_loader, val_loader, loss_fn, layer_groups: list[list[str]], lr: float,
                   decay: float, num_epochs: int) -> dict[str, list[float]]:
    """Stage 2: make every module of every layer group trainable (set_trainable), then train for num_epochs
    with torch.optim.AdamW on discriminative_param_groups(model, layer_groups, lr, decay) and a
    CosineAnnealingLR(T_max=num_epochs) schedule, with aipath.training.fit (show_progress=False) on the
    model's device. -> fit's history dict."""
    ### BEGIN SOLUTION
    optimizer = torch.optim.AdamW(discriminative_param_groups(model, layer_groups, lr, decay))
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=num_epochs)
    device = next(model.parameters()).device
    return fit(model, train_loader, val_loader, loss_fn, optimizer, num_epochs, device, scheduler=scheduler,
               show_progress=False)
    ### END SOLUTION
''',
        'one_lr': r'''
def train_unfrozen(model: nn.Module, train_loader, val_loader, loss_fn, layer_groups: list[list[str]], lr: float,
                   decay: float, num_epochs: int) -> dict[str, list[float]]:
    """Stage 2: make every module of every layer group trainable (set_trainable), then train for num_epochs
    with torch.optim.AdamW on discriminative_param_groups(model, layer_groups, lr, 1.0) and a
    CosineAnnealingLR(T_max=num_epochs) schedule, with aipath.training.fit (show_progress=False) on the
    model's device. -> fit's history dict."""
    ### BEGIN SOLUTION
    set_trainable(model, [name for group in layer_groups for name in group])
    optimizer = torch.optim.AdamW(discriminative_param_groups(model, layer_groups, lr, 1.0))
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=num_epochs)
    device = next(model.parameters()).device
    return fit(model, train_loader, val_loader, loss_fn, optimizer, num_epochs, device, scheduler=scheduler,
               show_progress=False)
    ### END SOLUTION
''',
        'no_schedule': r'''
def train_unfrozen(model: nn.Module, train_loader, val_loader, loss_fn, layer_groups: list[list[str]], lr: float,
                   decay: float, num_epochs: int) -> dict[str, list[float]]:
    """Stage 2: make every module of every layer group trainable (set_trainable), then train for num_epochs
    with torch.optim.AdamW on discriminative_param_groups(model, layer_groups, lr, decay) and a
    CosineAnnealingLR(T_max=num_epochs) schedule, with aipath.training.fit (show_progress=False) on the
    model's device. -> fit's history dict."""
    ### BEGIN SOLUTION
    set_trainable(model, [name for group in layer_groups for name in group])
    optimizer = torch.optim.AdamW(discriminative_param_groups(model, layer_groups, lr, decay))
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=num_epochs)
    device = next(model.parameters()).device
    return fit(model, train_loader, val_loader, loss_fn, optimizer, num_epochs, device, scheduler=None,
               show_progress=False)
    ### END SOLUTION
''',
        'schedule_per_step_length': r'''
def train_unfrozen(model: nn.Module, train_loader, val_loader, loss_fn, layer_groups: list[list[str]], lr: float,
                   decay: float, num_epochs: int) -> dict[str, list[float]]:
    """Stage 2: make every module of every layer group trainable (set_trainable), then train for num_epochs
    with torch.optim.AdamW on discriminative_param_groups(model, layer_groups, lr, decay) and a
    CosineAnnealingLR(T_max=num_epochs * len(train_loader)) schedule, with aipath.training.fit (show_progress=False) on the
    model's device. -> fit's history dict."""
    ### BEGIN SOLUTION
    set_trainable(model, [name for group in layer_groups for name in group])
    optimizer = torch.optim.AdamW(discriminative_param_groups(model, layer_groups, lr, decay))
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=num_epochs * len(train_loader))
    device = next(model.parameters()).device
    return fit(model, train_loader, val_loader, loss_fn, optimizer, num_epochs, device, scheduler=scheduler,
               show_progress=False)
    ### END SOLUTION
''',
        'unfreezes_head_only': r'''
def train_unfrozen(model: nn.Module, train_loader, val_loader, loss_fn, layer_groups: list[list[str]], lr: float,
                   decay: float, num_epochs: int) -> dict[str, list[float]]:
    """Stage 2: make every module of every layer group trainable (set_trainable), then train for num_epochs
    with torch.optim.AdamW on discriminative_param_groups(model, layer_groups, lr, decay) and a
    CosineAnnealingLR(T_max=num_epochs) schedule, with aipath.training.fit (show_progress=False) on the
    model's device. -> fit's history dict."""
    ### BEGIN SOLUTION
    set_trainable(model, layer_groups[-1])
    optimizer = torch.optim.AdamW(discriminative_param_groups(model, layer_groups, lr, decay))
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=num_epochs)
    device = next(model.parameters()).device
    return fit(model, train_loader, val_loader, loss_fn, optimizer, num_epochs, device, scheduler=scheduler,
               show_progress=False)
    ### END SOLUTION
''',
    },
    'most_confused': {
        'includes_diagonal': r'''
def most_confused(cm, class_names: list[str], k: int = 3) -> list[tuple[str, str, int]]:
    """The k largest off-diagonal counts of a confusion matrix (rows = true class, columns = predicted), largest
    first, ties in row-then-column order; zero counts never appear. cm: (C, C), class_names: C names
    -> [(true name, predicted name, count), ...] (at most k). A non-square cm or C != len(class_names) -> ValueError."""
    ### BEGIN SOLUTION
    cm = np.asarray(cm)
    if cm.ndim != 2 or cm.shape[0] != cm.shape[1] or cm.shape[0] != len(class_names):
        raise ValueError(f"most_confused: need a (C, C) matrix with C = {len(class_names)} class names, got shape {cm.shape}.")
    pairs = [(int(cm[i, j]), i, j) for i in range(len(cm)) for j in range(len(cm)) if cm[i, j] > 0]
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    return [(class_names[i], class_names[j], count) for count, i, j in pairs[:k]]
    ### END SOLUTION
''',
        'transposed': r'''
def most_confused(cm, class_names: list[str], k: int = 3) -> list[tuple[str, str, int]]:
    """The k largest off-diagonal counts of a confusion matrix (rows = true class, columns = predicted), largest
    first, ties in row-then-column order; zero counts never appear. cm: (C, C), class_names: C names
    -> [(true name, predicted name, count), ...] (at most k). A non-square cm or C != len(class_names) -> ValueError."""
    ### BEGIN SOLUTION
    cm = np.asarray(cm)
    if cm.ndim != 2 or cm.shape[0] != cm.shape[1] or cm.shape[0] != len(class_names):
        raise ValueError(f"most_confused: need a (C, C) matrix with C = {len(class_names)} class names, got shape {cm.shape}.")
    pairs = [(int(cm[i, j]), i, j) for i in range(len(cm)) for j in range(len(cm)) if i != j and cm[i, j] > 0]
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    return [(class_names[j], class_names[i], count) for count, i, j in pairs[:k]]
    ### END SOLUTION
''',
        'ascending': r'''
def most_confused(cm, class_names: list[str], k: int = 3) -> list[tuple[str, str, int]]:
    """The k largest off-diagonal counts of a confusion matrix (rows = true class, columns = predicted), largest
    first, ties in row-then-column order; zero counts never appear. cm: (C, C), class_names: C names
    -> [(true name, predicted name, count), ...] (at most k). A non-square cm or C != len(class_names) -> ValueError."""
    ### BEGIN SOLUTION
    cm = np.asarray(cm)
    if cm.ndim != 2 or cm.shape[0] != cm.shape[1] or cm.shape[0] != len(class_names):
        raise ValueError(f"most_confused: need a (C, C) matrix with C = {len(class_names)} class names, got shape {cm.shape}.")
    pairs = [(int(cm[i, j]), i, j) for i in range(len(cm)) for j in range(len(cm)) if i != j and cm[i, j] > 0]
    pairs.sort(key=lambda t: (t[0], t[1], t[2]))
    return [(class_names[i], class_names[j], count) for count, i, j in pairs[:k]]
    ### END SOLUTION
''',
        'keeps_zeros': r'''
def most_confused(cm, class_names: list[str], k: int = 3) -> list[tuple[str, str, int]]:
    """The k largest off-diagonal counts of a confusion matrix (rows = true class, columns = predicted), largest
    first, ties in row-then-column order; zero counts never appear. cm: (C, C), class_names: C names
    -> [(true name, predicted name, count), ...] (at most k). A non-square cm or C != len(class_names) -> ValueError."""
    ### BEGIN SOLUTION
    cm = np.asarray(cm)
    if cm.ndim != 2 or cm.shape[0] != cm.shape[1] or cm.shape[0] != len(class_names):
        raise ValueError(f"most_confused: need a (C, C) matrix with C = {len(class_names)} class names, got shape {cm.shape}.")
    pairs = [(int(cm[i, j]), i, j) for i in range(len(cm)) for j in range(len(cm)) if i != j]
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    return [(class_names[i], class_names[j], count) for count, i, j in pairs[:k]]
    ### END SOLUTION
''',
        'no_validation': r'''
def most_confused(cm, class_names: list[str], k: int = 3) -> list[tuple[str, str, int]]:
    """The k largest off-diagonal counts of a confusion matrix (rows = true class, columns = predicted), largest
    first, ties in row-then-column order; zero counts never appear. cm: (C, C), class_names: C names
    -> [(true name, predicted name, count), ...] (at most k). A non-square cm or C != len(class_names) -> ValueError."""
    ### BEGIN SOLUTION
    cm = np.asarray(cm)
    if False:
        raise ValueError(f"most_confused: need a (C, C) matrix with C = {len(class_names)} class names, got shape {cm.shape}.")
    pairs = [(int(cm[i, j]), i, j) for i in range(len(cm)) for j in range(len(cm)) if i != j and cm[i, j] > 0]
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    return [(class_names[i], class_names[j], count) for count, i, j in pairs[:k]]
    ### END SOLUTION
''',
        'ties_by_column': r'''
def most_confused(cm, class_names: list[str], k: int = 3) -> list[tuple[str, str, int]]:
    """The k largest off-diagonal counts of a confusion matrix (rows = true class, columns = predicted), largest
    first, ties in row-then-column order; zero counts never appear. cm: (C, C), class_names: C names
    -> [(true name, predicted name, count), ...] (at most k). A non-square cm or C != len(class_names) -> ValueError."""
    ### BEGIN SOLUTION
    cm = np.asarray(cm)
    if cm.ndim != 2 or cm.shape[0] != cm.shape[1] or cm.shape[0] != len(class_names):
        raise ValueError(f"most_confused: need a (C, C) matrix with C = {len(class_names)} class names, got shape {cm.shape}.")
    pairs = [(int(cm[i, j]), i, j) for i in range(len(cm)) for j in range(len(cm)) if i != j and cm[i, j] > 0]
    pairs.sort(key=lambda t: (-t[0], t[2], t[1]))
    return [(class_names[i], class_names[j], count) for count, i, j in pairs[:k]]
    ### END SOLUTION
''',
    },
}
