"""Plausible wrong answers for 05_rnn_lstm.ipynb; each must make a graded cell fail."""
RUNNER = "fork"  # state lives in memory: mutants run from forks of one execution (autograder/mutation.py)
MUTANTS = {
    "rnn_cell": {
        "tanh_missing": r'''
def rnn_cell(x_t: torch.Tensor, h_prev: torch.Tensor, W_ih: torch.Tensor, W_hh: torch.Tensor,
             b_ih: torch.Tensor, b_hh: torch.Tensor) -> torch.Tensor:
    """h_t = tanh(x_t W_ih^T + b_ih + h_prev W_hh^T + b_hh).
    x_t: (B, I), h_prev: (B, H), W_ih: (H, I), W_hh: (H, H), b_ih, b_hh: (H,) -> h_t: (B, H)."""
    ### BEGIN SOLUTION
    return x_t @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh
    ### END SOLUTION
''',
        "W_hh_not_transposed": r'''
def rnn_cell(x_t: torch.Tensor, h_prev: torch.Tensor, W_ih: torch.Tensor, W_hh: torch.Tensor,
             b_ih: torch.Tensor, b_hh: torch.Tensor) -> torch.Tensor:
    """h_t = tanh(x_t W_ih^T + b_ih + h_prev W_hh^T + b_hh).
    x_t: (B, I), h_prev: (B, H), W_ih: (H, I), W_hh: (H, H), b_ih, b_hh: (H,) -> h_t: (B, H)."""
    ### BEGIN SOLUTION
    return torch.tanh(x_t @ W_ih.T + b_ih + h_prev @ W_hh + b_hh)
    ### END SOLUTION
''',
        "weights_swapped": r'''
def rnn_cell(x_t: torch.Tensor, h_prev: torch.Tensor, W_ih: torch.Tensor, W_hh: torch.Tensor,
             b_ih: torch.Tensor, b_hh: torch.Tensor) -> torch.Tensor:
    """h_t = tanh(x_t W_ih^T + b_ih + h_prev W_hh^T + b_hh).
    x_t: (B, I), h_prev: (B, H), W_ih: (H, I), W_hh: (H, H), b_ih, b_hh: (H,) -> h_t: (B, H)."""
    ### BEGIN SOLUTION
    return torch.tanh(x_t @ W_hh.T + b_ih + h_prev @ W_ih.T + b_hh)
    ### END SOLUTION
''',
        "b_hh_missing": r'''
def rnn_cell(x_t: torch.Tensor, h_prev: torch.Tensor, W_ih: torch.Tensor, W_hh: torch.Tensor,
             b_ih: torch.Tensor, b_hh: torch.Tensor) -> torch.Tensor:
    """h_t = tanh(x_t W_ih^T + b_ih + h_prev W_hh^T + b_hh).
    x_t: (B, I), h_prev: (B, H), W_ih: (H, I), W_hh: (H, H), b_ih, b_hh: (H,) -> h_t: (B, H)."""
    ### BEGIN SOLUTION
    return torch.tanh(x_t @ W_ih.T + b_ih + h_prev @ W_hh.T)
    ### END SOLUTION
''',
        "relu_not_tanh": r'''
def rnn_cell(x_t: torch.Tensor, h_prev: torch.Tensor, W_ih: torch.Tensor, W_hh: torch.Tensor,
             b_ih: torch.Tensor, b_hh: torch.Tensor) -> torch.Tensor:
    """h_t = tanh(x_t W_ih^T + b_ih + h_prev W_hh^T + b_hh).
    x_t: (B, I), h_prev: (B, H), W_ih: (H, I), W_hh: (H, H), b_ih, b_hh: (H,) -> h_t: (B, H)."""
    ### BEGIN SOLUTION
    return torch.relu(x_t @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh)
    ### END SOLUTION
''',
    },
    "rnn_forward": {
        "hidden_state_not_carried": r'''
def rnn_forward(x: torch.Tensor, h0: torch.Tensor, W_ih: torch.Tensor, W_hh: torch.Tensor,
                b_ih: torch.Tensor, b_hh: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Unrolled tanh RNN. x: (B, T, I), h0: (B, H) -> (outputs: (B, T, H), h_T: (B, H))."""
    ### BEGIN SOLUTION
    h = h0
    states = []
    for t in range(x.shape[1]):
        h = rnn_cell(x[:, t], h0, W_ih, W_hh, b_ih, b_hh)     # (B, H)
        states.append(h)
    return torch.stack(states, dim=1), h                     # (B, T, H), (B, H)
    ### END SOLUTION
''',
        "stacked_time_first": r'''
def rnn_forward(x: torch.Tensor, h0: torch.Tensor, W_ih: torch.Tensor, W_hh: torch.Tensor,
                b_ih: torch.Tensor, b_hh: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Unrolled tanh RNN. x: (B, T, I), h0: (B, H) -> (outputs: (B, T, H), h_T: (B, H))."""
    ### BEGIN SOLUTION
    h = h0
    states = []
    for t in range(x.shape[1]):
        h = rnn_cell(x[:, t], h, W_ih, W_hh, b_ih, b_hh)     # (B, H)
        states.append(h)
    return torch.stack(states, dim=0), h                     # (B, T, H), (B, H)
    ### END SOLUTION
''',
        "returns_first_state": r'''
def rnn_forward(x: torch.Tensor, h0: torch.Tensor, W_ih: torch.Tensor, W_hh: torch.Tensor,
                b_ih: torch.Tensor, b_hh: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Unrolled tanh RNN. x: (B, T, I), h0: (B, H) -> (outputs: (B, T, H), h_T: (B, H))."""
    ### BEGIN SOLUTION
    h = h0
    states = []
    for t in range(x.shape[1]):
        h = rnn_cell(x[:, t], h, W_ih, W_hh, b_ih, b_hh)     # (B, H)
        states.append(h)
    return torch.stack(states, dim=1), states[0]                     # (B, T, H), (B, H)
    ### END SOLUTION
''',
        "time_reversed": r'''
def rnn_forward(x: torch.Tensor, h0: torch.Tensor, W_ih: torch.Tensor, W_hh: torch.Tensor,
                b_ih: torch.Tensor, b_hh: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Unrolled tanh RNN. x: (B, T, I), h0: (B, H) -> (outputs: (B, T, H), h_T: (B, H))."""
    ### BEGIN SOLUTION
    h = h0
    states = []
    for t in reversed(range(x.shape[1])):
        h = rnn_cell(x[:, t], h, W_ih, W_hh, b_ih, b_hh)     # (B, H)
        states.append(h)
    return torch.stack(states, dim=1), h                     # (B, T, H), (B, H)
    ### END SOLUTION
''',
    },
    "lstm_cell": {
        "gate_order_ifog": r'''
def lstm_cell(x_t: torch.Tensor, h_prev: torch.Tensor, c_prev: torch.Tensor, W_ih: torch.Tensor,
              W_hh: torch.Tensor, b_ih: torch.Tensor, b_hh: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """One LSTM step, PyTorch gate order (i, f, g, o).
    x_t: (B, I), h_prev, c_prev: (B, H), W_ih: (4H, I), W_hh: (4H, H), b_ih, b_hh: (4H,) -> (h_t, c_t): (B, H) each."""
    ### BEGIN SOLUTION
    z = x_t @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh            # (B, 4H)
    z_i, z_f, z_o, z_g = z.chunk(4, dim=1)                      # (B, H) each
    i, f, g, o = torch.sigmoid(z_i), torch.sigmoid(z_f), torch.tanh(z_g), torch.sigmoid(z_o)
    c = f * c_prev + i * g
    h = o * torch.tanh(c)
    return h, c
    ### END SOLUTION
''',
        "forget_gate_ignored": r'''
def lstm_cell(x_t: torch.Tensor, h_prev: torch.Tensor, c_prev: torch.Tensor, W_ih: torch.Tensor,
              W_hh: torch.Tensor, b_ih: torch.Tensor, b_hh: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """One LSTM step, PyTorch gate order (i, f, g, o).
    x_t: (B, I), h_prev, c_prev: (B, H), W_ih: (4H, I), W_hh: (4H, H), b_ih, b_hh: (4H,) -> (h_t, c_t): (B, H) each."""
    ### BEGIN SOLUTION
    z = x_t @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh            # (B, 4H)
    z_i, z_f, z_g, z_o = z.chunk(4, dim=1)                      # (B, H) each
    i, f, g, o = torch.sigmoid(z_i), torch.sigmoid(z_f), torch.tanh(z_g), torch.sigmoid(z_o)
    c = c_prev + i * g
    h = o * torch.tanh(c)
    return h, c
    ### END SOLUTION
''',
        "h_without_tanh": r'''
def lstm_cell(x_t: torch.Tensor, h_prev: torch.Tensor, c_prev: torch.Tensor, W_ih: torch.Tensor,
              W_hh: torch.Tensor, b_ih: torch.Tensor, b_hh: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """One LSTM step, PyTorch gate order (i, f, g, o).
    x_t: (B, I), h_prev, c_prev: (B, H), W_ih: (4H, I), W_hh: (4H, H), b_ih, b_hh: (4H,) -> (h_t, c_t): (B, H) each."""
    ### BEGIN SOLUTION
    z = x_t @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh            # (B, 4H)
    z_i, z_f, z_g, z_o = z.chunk(4, dim=1)                      # (B, H) each
    i, f, g, o = torch.sigmoid(z_i), torch.sigmoid(z_f), torch.tanh(z_g), torch.sigmoid(z_o)
    c = f * c_prev + i * g
    h = o * c
    return h, c
    ### END SOLUTION
''',
        "sigmoid_candidate": r'''
def lstm_cell(x_t: torch.Tensor, h_prev: torch.Tensor, c_prev: torch.Tensor, W_ih: torch.Tensor,
              W_hh: torch.Tensor, b_ih: torch.Tensor, b_hh: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """One LSTM step, PyTorch gate order (i, f, g, o).
    x_t: (B, I), h_prev, c_prev: (B, H), W_ih: (4H, I), W_hh: (4H, H), b_ih, b_hh: (4H,) -> (h_t, c_t): (B, H) each."""
    ### BEGIN SOLUTION
    z = x_t @ W_ih.T + b_ih + h_prev @ W_hh.T + b_hh            # (B, 4H)
    z_i, z_f, z_g, z_o = z.chunk(4, dim=1)                      # (B, H) each
    i, f, g, o = torch.sigmoid(z_i), torch.sigmoid(z_f), torch.sigmoid(z_g), torch.sigmoid(z_o)
    c = f * c_prev + i * g
    h = o * torch.tanh(c)
    return h, c
    ### END SOLUTION
''',
    },
    "input_gradient_norms": {
        "loss_over_all_steps": r'''
def input_gradient_norms(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    """||dL/dx_t|| for every step t, L = output[:, -1].sum(). model: batch_first RNN/LSTM, x: (B, T, I) -> (T,)."""
    ### BEGIN SOLUTION
    x = x.detach().clone().requires_grad_(True)
    output, _ = model(x)                                # (B, T, H)
    grad, = torch.autograd.grad(output.sum(), x)  # (B, T, I)
    return grad.norm(dim=(0, 2))                         # (T,)
    ### END SOLUTION
''',
        "squared_norm": r'''
def input_gradient_norms(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    """||dL/dx_t|| for every step t, L = output[:, -1].sum(). model: batch_first RNN/LSTM, x: (B, T, I) -> (T,)."""
    ### BEGIN SOLUTION
    x = x.detach().clone().requires_grad_(True)
    output, _ = model(x)                                # (B, T, H)
    grad, = torch.autograd.grad(output[:, -1].sum(), x)  # (B, T, I)
    return grad.pow(2).sum(dim=(0, 2))                         # (T,)
    ### END SOLUTION
''',
        "loss_at_first_step": r'''
def input_gradient_norms(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    """||dL/dx_t|| for every step t, L = output[:, -1].sum(). model: batch_first RNN/LSTM, x: (B, T, I) -> (T,)."""
    ### BEGIN SOLUTION
    x = x.detach().clone().requires_grad_(True)
    output, _ = model(x)                                # (B, T, H)
    grad, = torch.autograd.grad(output[:, 0].sum(), x)  # (B, T, I)
    return grad.norm(dim=(0, 2))                         # (T,)
    ### END SOLUTION
''',
        "backward_fills_param_grads": r'''
def input_gradient_norms(model: nn.Module, x: torch.Tensor) -> torch.Tensor:
    """||dL/dx_t|| for every step t, L = output[:, -1].sum(). model: batch_first RNN/LSTM, x: (B, T, I) -> (T,)."""
    ### BEGIN SOLUTION
    x = x.detach().clone().requires_grad_(True)
    output, _ = model(x)                                # (B, T, H)
    output[:, -1].sum().backward()
    return x.grad.norm(dim=(0, 2))                         # (T,)
    ### END SOLUTION
''',
    },
    "encode_decode": {
        "decode_joins_with_spaces": r'''
def encode_text(s: str, stoi: dict[str, int]) -> torch.Tensor:
    """Character ids. str of length L -> (L,) int64 tensor."""
    ### BEGIN SOLUTION
    return torch.tensor([stoi[ch] for ch in s], dtype=torch.long)
    ### END SOLUTION


def decode_text(ids, itos: list[str]) -> str:
    """Inverse of encode_text. (L,) ids (tensor or list) -> str of length L."""
    ### BEGIN SOLUTION
    return " ".join(itos[int(i)] for i in ids)
    ### END SOLUTION
''',
        "encode_returns_list": r'''
def encode_text(s: str, stoi: dict[str, int]) -> torch.Tensor:
    """Character ids. str of length L -> (L,) int64 tensor."""
    ### BEGIN SOLUTION
    return [stoi[ch] for ch in s]
    ### END SOLUTION


def decode_text(ids, itos: list[str]) -> str:
    """Inverse of encode_text. (L,) ids (tensor or list) -> str of length L."""
    ### BEGIN SOLUTION
    return "".join(itos[int(i)] for i in ids)
    ### END SOLUTION
''',
        "ids_off_by_one": r'''
def encode_text(s: str, stoi: dict[str, int]) -> torch.Tensor:
    """Character ids. str of length L -> (L,) int64 tensor."""
    ### BEGIN SOLUTION
    return torch.tensor([stoi[ch] + 1 for ch in s], dtype=torch.long)
    ### END SOLUTION


def decode_text(ids, itos: list[str]) -> str:
    """Inverse of encode_text. (L,) ids (tensor or list) -> str of length L."""
    ### BEGIN SOLUTION
    return "".join(itos[int(i) - 1] for i in ids)
    ### END SOLUTION
''',
        "float_ids": r'''
def encode_text(s: str, stoi: dict[str, int]) -> torch.Tensor:
    """Character ids. str of length L -> (L,) int64 tensor."""
    ### BEGIN SOLUTION
    return torch.tensor([stoi[ch] for ch in s], dtype=torch.float32)
    ### END SOLUTION


def decode_text(ids, itos: list[str]) -> str:
    """Inverse of encode_text. (L,) ids (tensor or list) -> str of length L."""
    ### BEGIN SOLUTION
    return "".join(itos[int(i)] for i in ids)
    ### END SOLUTION
''',
    },
    "get_batch": {
        "targets_not_shifted": r'''
def get_batch(data: torch.Tensor, block_size: int, batch_size: int,
              generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """Random windows and their next-character targets. data: (N,) int64 -> x, y: (B, T), y[:, t] = data[s + t + 1]."""
    ### BEGIN SOLUTION
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)   # (B,)
    x = torch.stack([data[s:s + block_size] for s in starts])                            # (B, T)
    y = torch.stack([data[s:s + block_size] for s in starts])                    # (B, T)
    return x, y
    ### END SOLUTION
''',
        "shift_wrong_way": r'''
def get_batch(data: torch.Tensor, block_size: int, batch_size: int,
              generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """Random windows and their next-character targets. data: (N,) int64 -> x, y: (B, T), y[:, t] = data[s + t + 1]."""
    ### BEGIN SOLUTION
    starts = torch.randint(len(data) - block_size, (batch_size,), generator=generator)   # (B,)
    x = torch.stack([data[s + 1:s + block_size + 1] for s in starts])                            # (B, T)
    y = torch.stack([data[s:s + block_size] for s in starts])                    # (B, T)
    return x, y
    ### END SOLUTION
''',
        "generator_ignored": r'''
def get_batch(data: torch.Tensor, block_size: int, batch_size: int,
              generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """Random windows and their next-character targets. data: (N,) int64 -> x, y: (B, T), y[:, t] = data[s + t + 1]."""
    ### BEGIN SOLUTION
    starts = torch.randint(len(data) - block_size, (batch_size,))   # (B,)
    x = torch.stack([data[s:s + block_size] for s in starts])                            # (B, T)
    y = torch.stack([data[s + 1:s + block_size + 1] for s in starts])                    # (B, T)
    return x, y
    ### END SOLUTION
''',
        "last_window_never_drawn": r'''
def get_batch(data: torch.Tensor, block_size: int, batch_size: int,
              generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """Random windows and their next-character targets. data: (N,) int64 -> x, y: (B, T), y[:, t] = data[s + t + 1]."""
    ### BEGIN SOLUTION
    starts = torch.randint(len(data) - block_size - 1, (batch_size,), generator=generator)   # (B,)
    x = torch.stack([data[s:s + block_size] for s in starts])                            # (B, T)
    y = torch.stack([data[s + 1:s + block_size + 1] for s in starts])                    # (B, T)
    return x, y
    ### END SOLUTION
''',
    },
    "char_lstm": {
        "batch_first_missing": r'''
class CharLSTM(nn.Module):
    """Embedding -> LSTM -> linear head. x: (B, T) ids -> (logits: (B, T, V), state: (h, c) of (L, B, H) each)."""

    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, num_layers: int = 1):
        super().__init__()
        ### BEGIN SOLUTION
        self.embedding = nn.Embedding(vocab_size, embed_dim)
        self.lstm = nn.LSTM(embed_dim, hidden_size, num_layers)
        self.head = nn.Linear(hidden_size, vocab_size)
        ### END SOLUTION

    def forward(self, x: torch.Tensor, state=None):
        ### BEGIN SOLUTION
        output, state = self.lstm(self.embedding(x), state)    # (B, T, H), (h, c)
        return self.head(output), state                        # (B, T, V)
        ### END SOLUTION
''',
        "state_ignored": r'''
class CharLSTM(nn.Module):
    """Embedding -> LSTM -> linear head. x: (B, T) ids -> (logits: (B, T, V), state: (h, c) of (L, B, H) each)."""

    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, num_layers: int = 1):
        super().__init__()
        ### BEGIN SOLUTION
        self.embedding = nn.Embedding(vocab_size, embed_dim)
        self.lstm = nn.LSTM(embed_dim, hidden_size, num_layers, batch_first=True)
        self.head = nn.Linear(hidden_size, vocab_size)
        ### END SOLUTION

    def forward(self, x: torch.Tensor, state=None):
        ### BEGIN SOLUTION
        output, state = self.lstm(self.embedding(x))    # (B, T, H), (h, c)
        return self.head(output), state                        # (B, T, V)
        ### END SOLUTION
''',
        "state_not_returned": r'''
class CharLSTM(nn.Module):
    """Embedding -> LSTM -> linear head. x: (B, T) ids -> (logits: (B, T, V), state: (h, c) of (L, B, H) each)."""

    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, num_layers: int = 1):
        super().__init__()
        ### BEGIN SOLUTION
        self.embedding = nn.Embedding(vocab_size, embed_dim)
        self.lstm = nn.LSTM(embed_dim, hidden_size, num_layers, batch_first=True)
        self.head = nn.Linear(hidden_size, vocab_size)
        ### END SOLUTION

    def forward(self, x: torch.Tensor, state=None):
        ### BEGIN SOLUTION
        output, state = self.lstm(self.embedding(x), state)    # (B, T, H), (h, c)
        return self.head(output), None                        # (B, T, V)
        ### END SOLUTION
''',
        "head_on_last_step_only": r'''
class CharLSTM(nn.Module):
    """Embedding -> LSTM -> linear head. x: (B, T) ids -> (logits: (B, T, V), state: (h, c) of (L, B, H) each)."""

    def __init__(self, vocab_size: int, embed_dim: int, hidden_size: int, num_layers: int = 1):
        super().__init__()
        ### BEGIN SOLUTION
        self.embedding = nn.Embedding(vocab_size, embed_dim)
        self.lstm = nn.LSTM(embed_dim, hidden_size, num_layers, batch_first=True)
        self.head = nn.Linear(hidden_size, vocab_size)
        ### END SOLUTION

    def forward(self, x: torch.Tensor, state=None):
        ### BEGIN SOLUTION
        output, state = self.lstm(self.embedding(x), state)    # (B, T, H), (h, c)
        return self.head(output[:, -1]), state                        # (B, T, V)
        ### END SOLUTION
''',
    },
    "sample_text": {
        "argmax_not_sampling": r'''
def sample_text(model: nn.Module, prompt: str, num_chars: int, temperature: float,
                generator: torch.Generator, stoi: dict[str, int], itos: list[str]) -> str:
    """prompt + num_chars characters drawn from softmax(logits / temperature), one at a time."""
    ### BEGIN SOLUTION
    if temperature <= 0:
        raise ValueError(f"temperature must be > 0, got {temperature}")
    if not prompt:
        raise ValueError("sample_text needs a non-empty prompt")
    device = next(model.parameters()).device
    model.eval()
    out = [prompt]
    with torch.no_grad():
        logits, state = model(encode_text(prompt, stoi).unsqueeze(0).to(device))    # (1, L, V)
        for _ in range(num_chars):
            probs = torch.softmax(logits[0, -1] / temperature, dim=-1).cpu()       # (V,)
            next_id = probs.argmax().view(1)             # (1,)
            out.append(itos[int(next_id)])
            logits, state = model(next_id.view(1, 1).to(device), state)           # (1, 1, V)
    return "".join(out)
    ### END SOLUTION
''',
        "temperature_multiplies": r'''
def sample_text(model: nn.Module, prompt: str, num_chars: int, temperature: float,
                generator: torch.Generator, stoi: dict[str, int], itos: list[str]) -> str:
    """prompt + num_chars characters drawn from softmax(logits / temperature), one at a time."""
    ### BEGIN SOLUTION
    if temperature <= 0:
        raise ValueError(f"temperature must be > 0, got {temperature}")
    if not prompt:
        raise ValueError("sample_text needs a non-empty prompt")
    device = next(model.parameters()).device
    model.eval()
    out = [prompt]
    with torch.no_grad():
        logits, state = model(encode_text(prompt, stoi).unsqueeze(0).to(device))    # (1, L, V)
        for _ in range(num_chars):
            probs = torch.softmax(logits[0, -1] * temperature, dim=-1).cpu()       # (V,)
            next_id = torch.multinomial(probs, 1, generator=generator)             # (1,)
            out.append(itos[int(next_id)])
            logits, state = model(next_id.view(1, 1).to(device), state)           # (1, 1, V)
    return "".join(out)
    ### END SOLUTION
''',
        "temperature_on_probabilities": r'''
def sample_text(model: nn.Module, prompt: str, num_chars: int, temperature: float,
                generator: torch.Generator, stoi: dict[str, int], itos: list[str]) -> str:
    """prompt + num_chars characters drawn from softmax(logits / temperature), one at a time."""
    ### BEGIN SOLUTION
    if temperature <= 0:
        raise ValueError(f"temperature must be > 0, got {temperature}")
    if not prompt:
        raise ValueError("sample_text needs a non-empty prompt")
    device = next(model.parameters()).device
    model.eval()
    out = [prompt]
    with torch.no_grad():
        logits, state = model(encode_text(prompt, stoi).unsqueeze(0).to(device))    # (1, L, V)
        for _ in range(num_chars):
            probs = (torch.softmax(logits[0, -1], dim=-1) / temperature).cpu()       # (V,)
            next_id = torch.multinomial(probs, 1, generator=generator)             # (1,)
            out.append(itos[int(next_id)])
            logits, state = model(next_id.view(1, 1).to(device), state)           # (1, 1, V)
    return "".join(out)
    ### END SOLUTION
''',
        "state_not_carried": r'''
def sample_text(model: nn.Module, prompt: str, num_chars: int, temperature: float,
                generator: torch.Generator, stoi: dict[str, int], itos: list[str]) -> str:
    """prompt + num_chars characters drawn from softmax(logits / temperature), one at a time."""
    ### BEGIN SOLUTION
    if temperature <= 0:
        raise ValueError(f"temperature must be > 0, got {temperature}")
    if not prompt:
        raise ValueError("sample_text needs a non-empty prompt")
    device = next(model.parameters()).device
    model.eval()
    out = [prompt]
    with torch.no_grad():
        logits, state = model(encode_text(prompt, stoi).unsqueeze(0).to(device))    # (1, L, V)
        for _ in range(num_chars):
            probs = torch.softmax(logits[0, -1] / temperature, dim=-1).cpu()       # (V,)
            next_id = torch.multinomial(probs, 1, generator=generator)             # (1,)
            out.append(itos[int(next_id)])
            logits, state = model(next_id.view(1, 1).to(device))           # (1, 1, V)
    return "".join(out)
    ### END SOLUTION
''',
        "prompt_not_included": r'''
def sample_text(model: nn.Module, prompt: str, num_chars: int, temperature: float,
                generator: torch.Generator, stoi: dict[str, int], itos: list[str]) -> str:
    """prompt + num_chars characters drawn from softmax(logits / temperature), one at a time."""
    ### BEGIN SOLUTION
    if temperature <= 0:
        raise ValueError(f"temperature must be > 0, got {temperature}")
    if not prompt:
        raise ValueError("sample_text needs a non-empty prompt")
    device = next(model.parameters()).device
    model.eval()
    out = []
    with torch.no_grad():
        logits, state = model(encode_text(prompt, stoi).unsqueeze(0).to(device))    # (1, L, V)
        for _ in range(num_chars):
            probs = torch.softmax(logits[0, -1] / temperature, dim=-1).cpu()       # (V,)
            next_id = torch.multinomial(probs, 1, generator=generator)             # (1,)
            out.append(itos[int(next_id)])
            logits, state = model(next_id.view(1, 1).to(device), state)           # (1, 1, V)
    return "".join(out)
    ### END SOLUTION
''',
        "generator_ignored": r'''
def sample_text(model: nn.Module, prompt: str, num_chars: int, temperature: float,
                generator: torch.Generator, stoi: dict[str, int], itos: list[str]) -> str:
    """prompt + num_chars characters drawn from softmax(logits / temperature), one at a time."""
    ### BEGIN SOLUTION
    if temperature <= 0:
        raise ValueError(f"temperature must be > 0, got {temperature}")
    if not prompt:
        raise ValueError("sample_text needs a non-empty prompt")
    device = next(model.parameters()).device
    model.eval()
    out = [prompt]
    with torch.no_grad():
        logits, state = model(encode_text(prompt, stoi).unsqueeze(0).to(device))    # (1, L, V)
        for _ in range(num_chars):
            probs = torch.softmax(logits[0, -1] / temperature, dim=-1).cpu()       # (V,)
            next_id = torch.multinomial(probs, 1)             # (1,)
            out.append(itos[int(next_id)])
            logits, state = model(next_id.view(1, 1).to(device), state)           # (1, 1, V)
    return "".join(out)
    ### END SOLUTION
''',
    },
}
