"""Plausible wrong answers for 06_gpt_from_scratch.ipynb; each must make a graded cell fail."""
RUNNER = "fork"  # state lives in memory: mutants run from forks of one execution (autograder/mutation.py)
MUTANTS = {
    'CausalSelfAttention': {
        'missing_sqrt_scaling': r'''
class CausalSelfAttention(nn.Module):
    """Multi-head causal self-attention. c_attn: C -> 3C (q, k, v side by side), c_proj: C -> C."""

    def __init__(self, n_embd: int, n_head: int):
        super().__init__()
        if n_embd % n_head:
            raise ValueError(f"n_head={n_head} must divide n_embd={n_embd}")
        self.n_embd, self.n_head, self.head_dim = n_embd, n_head, n_embd // n_head
        self.c_attn = nn.Linear(n_embd, 3 * n_embd)
        self.c_proj = nn.Linear(n_embd, n_embd)

    def forward(self, x: torch.Tensor, past: tuple[torch.Tensor, torch.Tensor] | None = None):
        """x: (B, T, C); past: None or (k_past, v_past), each (B, h, T_past, hd)
        -> (y: (B, T, C), (k, v): each (B, h, T_past + T, hd))."""
        ### BEGIN SOLUTION
        B, T, C = x.shape
        q, k, v = self.c_attn(x).split(self.n_embd, dim=2)                     # 3 x (B, T, C)
        q = q.view(B, T, self.n_head, self.head_dim).transpose(1, 2)           # (B, h, T, hd)
        k = k.view(B, T, self.n_head, self.head_dim).transpose(1, 2)           # (B, h, T, hd)
        v = v.view(B, T, self.n_head, self.head_dim).transpose(1, 2)           # (B, h, T, hd)
        if past is not None:
            k = torch.cat([past[0], k], dim=2)                                 # (B, h, T_past + T, hd)
            v = torch.cat([past[1], v], dim=2)                                 # (B, h, T_past + T, hd)
        T_past = k.shape[2] - T
        scores = (q @ k.transpose(-2, -1))         # (B, h, T, T_past + T)
        allowed = torch.ones(T, T_past + T, dtype=torch.bool, device=x.device).tril(diagonal=T_past)
        scores = scores.masked_fill(~allowed, float("-inf"))                   # query i sees keys j <= T_past + i
        y = torch.softmax(scores, dim=-1) @ v                                  # (B, h, T, hd)
        y = y.transpose(1, 2).reshape(B, T, C)                                 # (B, T, C): heads side by side
        return self.c_proj(y), (k, v)
        ### END SOLUTION
''',
        'not_causal': r'''
class CausalSelfAttention(nn.Module):
    """Multi-head causal self-attention. c_attn: C -> 3C (q, k, v side by side), c_proj: C -> C."""

    def __init__(self, n_embd: int, n_head: int):
        super().__init__()
        if n_embd % n_head:
            raise ValueError(f"n_head={n_head} must divide n_embd={n_embd}")
        self.n_embd, self.n_head, self.head_dim = n_embd, n_head, n_embd // n_head
        self.c_attn = nn.Linear(n_embd, 3 * n_embd)
        self.c_proj = nn.Linear(n_embd, n_embd)

    def forward(self, x: torch.Tensor, past: tuple[torch.Tensor, torch.Tensor] | None = None):
        """x: (B, T, C); past: None or (k_past, v_past), each (B, h, T_past, hd)
        -> (y: (B, T, C), (k, v): each (B, h, T_past + T, hd))."""
        ### BEGIN SOLUTION
        B, T, C = x.shape
        q, k, v = self.c_attn(x).split(self.n_embd, dim=2)                     # 3 x (B, T, C)
        q = q.view(B, T, self.n_head, self.head_dim).transpose(1, 2)           # (B, h, T, hd)
        k = k.view(B, T, self.n_head, self.head_dim).transpose(1, 2)           # (B, h, T, hd)
        v = v.view(B, T, self.n_head, self.head_dim).transpose(1, 2)           # (B, h, T, hd)
        if past is not None:
            k = torch.cat([past[0], k], dim=2)                                 # (B, h, T_past + T, hd)
            v = torch.cat([past[1], v], dim=2)                                 # (B, h, T_past + T, hd)
        T_past = k.shape[2] - T
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(self.head_dim)         # (B, h, T, T_past + T)
        allowed = torch.ones(T, T_past + T, dtype=torch.bool, device=x.device).tril(diagonal=T_past)
        pass                   # query i sees keys j <= T_past + i
        y = torch.softmax(scores, dim=-1) @ v                                  # (B, h, T, hd)
        y = y.transpose(1, 2).reshape(B, T, C)                                 # (B, T, C): heads side by side
        return self.c_proj(y), (k, v)
        ### END SOLUTION
''',
        'mask_ignores_cache_offset': r'''
class CausalSelfAttention(nn.Module):
    """Multi-head causal self-attention. c_attn: C -> 3C (q, k, v side by side), c_proj: C -> C."""

    def __init__(self, n_embd: int, n_head: int):
        super().__init__()
        if n_embd % n_head:
            raise ValueError(f"n_head={n_head} must divide n_embd={n_embd}")
        self.n_embd, self.n_head, self.head_dim = n_embd, n_head, n_embd // n_head
        self.c_attn = nn.Linear(n_embd, 3 * n_embd)
        self.c_proj = nn.Linear(n_embd, n_embd)

    def forward(self, x: torch.Tensor, past: tuple[torch.Tensor, torch.Tensor] | None = None):
        """x: (B, T, C); past: None or (k_past, v_past), each (B, h, T_past, hd)
        -> (y: (B, T, C), (k, v): each (B, h, T_past + T, hd))."""
        ### BEGIN SOLUTION
        B, T, C = x.shape
        q, k, v = self.c_attn(x).split(self.n_embd, dim=2)                     # 3 x (B, T, C)
        q = q.view(B, T, self.n_head, self.head_dim).transpose(1, 2)           # (B, h, T, hd)
        k = k.view(B, T, self.n_head, self.head_dim).transpose(1, 2)           # (B, h, T, hd)
        v = v.view(B, T, self.n_head, self.head_dim).transpose(1, 2)           # (B, h, T, hd)
        if past is not None:
            k = torch.cat([past[0], k], dim=2)                                 # (B, h, T_past + T, hd)
            v = torch.cat([past[1], v], dim=2)                                 # (B, h, T_past + T, hd)
        T_past = k.shape[2] - T
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(self.head_dim)         # (B, h, T, T_past + T)
        allowed = torch.ones(T, T_past + T, dtype=torch.bool, device=x.device).tril()
        scores = scores.masked_fill(~allowed, float("-inf"))                   # query i sees keys j <= T_past + i
        y = torch.softmax(scores, dim=-1) @ v                                  # (B, h, T, hd)
        y = y.transpose(1, 2).reshape(B, T, C)                                 # (B, T, C): heads side by side
        return self.c_proj(y), (k, v)
        ### END SOLUTION
''',
        'heads_split_without_transpose': r'''
class CausalSelfAttention(nn.Module):
    """Multi-head causal self-attention. c_attn: C -> 3C (q, k, v side by side), c_proj: C -> C."""

    def __init__(self, n_embd: int, n_head: int):
        super().__init__()
        if n_embd % n_head:
            raise ValueError(f"n_head={n_head} must divide n_embd={n_embd}")
        self.n_embd, self.n_head, self.head_dim = n_embd, n_head, n_embd // n_head
        self.c_attn = nn.Linear(n_embd, 3 * n_embd)
        self.c_proj = nn.Linear(n_embd, n_embd)

    def forward(self, x: torch.Tensor, past: tuple[torch.Tensor, torch.Tensor] | None = None):
        """x: (B, T, C); past: None or (k_past, v_past), each (B, h, T_past, hd)
        -> (y: (B, T, C), (k, v): each (B, h, T_past + T, hd))."""
        ### BEGIN SOLUTION
        B, T, C = x.shape
        q, k, v = self.c_attn(x).split(self.n_embd, dim=2)                     # 3 x (B, T, C)
        q = q.view(B, self.n_head, T, self.head_dim)           # (B, h, T, hd)
        k = k.view(B, self.n_head, T, self.head_dim)           # (B, h, T, hd)
        v = v.view(B, self.n_head, T, self.head_dim)           # (B, h, T, hd)
        if past is not None:
            k = torch.cat([past[0], k], dim=2)                                 # (B, h, T_past + T, hd)
            v = torch.cat([past[1], v], dim=2)                                 # (B, h, T_past + T, hd)
        T_past = k.shape[2] - T
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(self.head_dim)         # (B, h, T, T_past + T)
        allowed = torch.ones(T, T_past + T, dtype=torch.bool, device=x.device).tril(diagonal=T_past)
        scores = scores.masked_fill(~allowed, float("-inf"))                   # query i sees keys j <= T_past + i
        y = torch.softmax(scores, dim=-1) @ v                                  # (B, h, T, hd)
        y = y.transpose(1, 2).reshape(B, T, C)                                 # (B, T, C): heads side by side
        return self.c_proj(y), (k, v)
        ### END SOLUTION
''',
        'heads_merged_without_transpose': r'''
class CausalSelfAttention(nn.Module):
    """Multi-head causal self-attention. c_attn: C -> 3C (q, k, v side by side), c_proj: C -> C."""

    def __init__(self, n_embd: int, n_head: int):
        super().__init__()
        if n_embd % n_head:
            raise ValueError(f"n_head={n_head} must divide n_embd={n_embd}")
        self.n_embd, self.n_head, self.head_dim = n_embd, n_head, n_embd // n_head
        self.c_attn = nn.Linear(n_embd, 3 * n_embd)
        self.c_proj = nn.Linear(n_embd, n_embd)

    def forward(self, x: torch.Tensor, past: tuple[torch.Tensor, torch.Tensor] | None = None):
        """x: (B, T, C); past: None or (k_past, v_past), each (B, h, T_past, hd)
        -> (y: (B, T, C), (k, v): each (B, h, T_past + T, hd))."""
        ### BEGIN SOLUTION
        B, T, C = x.shape
        q, k, v = self.c_attn(x).split(self.n_embd, dim=2)                     # 3 x (B, T, C)
        q = q.view(B, T, self.n_head, self.head_dim).transpose(1, 2)           # (B, h, T, hd)
        k = k.view(B, T, self.n_head, self.head_dim).transpose(1, 2)           # (B, h, T, hd)
        v = v.view(B, T, self.n_head, self.head_dim).transpose(1, 2)           # (B, h, T, hd)
        if past is not None:
            k = torch.cat([past[0], k], dim=2)                                 # (B, h, T_past + T, hd)
            v = torch.cat([past[1], v], dim=2)                                 # (B, h, T_past + T, hd)
        T_past = k.shape[2] - T
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(self.head_dim)         # (B, h, T, T_past + T)
        allowed = torch.ones(T, T_past + T, dtype=torch.bool, device=x.device).tril(diagonal=T_past)
        scores = scores.masked_fill(~allowed, float("-inf"))                   # query i sees keys j <= T_past + i
        y = torch.softmax(scores, dim=-1) @ v                                  # (B, h, T, hd)
        y = y.reshape(B, T, C)                                 # (B, T, C): heads side by side
        return self.c_proj(y), (k, v)
        ### END SOLUTION
''',
        'softmax_over_queries': r'''
class CausalSelfAttention(nn.Module):
    """Multi-head causal self-attention. c_attn: C -> 3C (q, k, v side by side), c_proj: C -> C."""

    def __init__(self, n_embd: int, n_head: int):
        super().__init__()
        if n_embd % n_head:
            raise ValueError(f"n_head={n_head} must divide n_embd={n_embd}")
        self.n_embd, self.n_head, self.head_dim = n_embd, n_head, n_embd // n_head
        self.c_attn = nn.Linear(n_embd, 3 * n_embd)
        self.c_proj = nn.Linear(n_embd, n_embd)

    def forward(self, x: torch.Tensor, past: tuple[torch.Tensor, torch.Tensor] | None = None):
        """x: (B, T, C); past: None or (k_past, v_past), each (B, h, T_past, hd)
        -> (y: (B, T, C), (k, v): each (B, h, T_past + T, hd))."""
        ### BEGIN SOLUTION
        B, T, C = x.shape
        q, k, v = self.c_attn(x).split(self.n_embd, dim=2)                     # 3 x (B, T, C)
        q = q.view(B, T, self.n_head, self.head_dim).transpose(1, 2)           # (B, h, T, hd)
        k = k.view(B, T, self.n_head, self.head_dim).transpose(1, 2)           # (B, h, T, hd)
        v = v.view(B, T, self.n_head, self.head_dim).transpose(1, 2)           # (B, h, T, hd)
        if past is not None:
            k = torch.cat([past[0], k], dim=2)                                 # (B, h, T_past + T, hd)
            v = torch.cat([past[1], v], dim=2)                                 # (B, h, T_past + T, hd)
        T_past = k.shape[2] - T
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(self.head_dim)         # (B, h, T, T_past + T)
        allowed = torch.ones(T, T_past + T, dtype=torch.bool, device=x.device).tril(diagonal=T_past)
        scores = scores.masked_fill(~allowed, float("-inf"))                   # query i sees keys j <= T_past + i
        y = torch.softmax(scores, dim=-2) @ v                                  # (B, h, T, hd)
        y = y.transpose(1, 2).reshape(B, T, C)                                 # (B, T, C): heads side by side
        return self.c_proj(y), (k, v)
        ### END SOLUTION
''',
        'q_and_k_swapped': r'''
class CausalSelfAttention(nn.Module):
    """Multi-head causal self-attention. c_attn: C -> 3C (q, k, v side by side), c_proj: C -> C."""

    def __init__(self, n_embd: int, n_head: int):
        super().__init__()
        if n_embd % n_head:
            raise ValueError(f"n_head={n_head} must divide n_embd={n_embd}")
        self.n_embd, self.n_head, self.head_dim = n_embd, n_head, n_embd // n_head
        self.c_attn = nn.Linear(n_embd, 3 * n_embd)
        self.c_proj = nn.Linear(n_embd, n_embd)

    def forward(self, x: torch.Tensor, past: tuple[torch.Tensor, torch.Tensor] | None = None):
        """x: (B, T, C); past: None or (k_past, v_past), each (B, h, T_past, hd)
        -> (y: (B, T, C), (k, v): each (B, h, T_past + T, hd))."""
        ### BEGIN SOLUTION
        B, T, C = x.shape
        k, q, v = self.c_attn(x).split(self.n_embd, dim=2)                     # 3 x (B, T, C)
        q = q.view(B, T, self.n_head, self.head_dim).transpose(1, 2)           # (B, h, T, hd)
        k = k.view(B, T, self.n_head, self.head_dim).transpose(1, 2)           # (B, h, T, hd)
        v = v.view(B, T, self.n_head, self.head_dim).transpose(1, 2)           # (B, h, T, hd)
        if past is not None:
            k = torch.cat([past[0], k], dim=2)                                 # (B, h, T_past + T, hd)
            v = torch.cat([past[1], v], dim=2)                                 # (B, h, T_past + T, hd)
        T_past = k.shape[2] - T
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(self.head_dim)         # (B, h, T, T_past + T)
        allowed = torch.ones(T, T_past + T, dtype=torch.bool, device=x.device).tril(diagonal=T_past)
        scores = scores.masked_fill(~allowed, float("-inf"))                   # query i sees keys j <= T_past + i
        y = torch.softmax(scores, dim=-1) @ v                                  # (B, h, T, hd)
        y = y.transpose(1, 2).reshape(B, T, C)                                 # (B, T, C): heads side by side
        return self.c_proj(y), (k, v)
        ### END SOLUTION
''',
        'cache_ignored': r'''
class CausalSelfAttention(nn.Module):
    """Multi-head causal self-attention. c_attn: C -> 3C (q, k, v side by side), c_proj: C -> C."""

    def __init__(self, n_embd: int, n_head: int):
        super().__init__()
        if n_embd % n_head:
            raise ValueError(f"n_head={n_head} must divide n_embd={n_embd}")
        self.n_embd, self.n_head, self.head_dim = n_embd, n_head, n_embd // n_head
        self.c_attn = nn.Linear(n_embd, 3 * n_embd)
        self.c_proj = nn.Linear(n_embd, n_embd)

    def forward(self, x: torch.Tensor, past: tuple[torch.Tensor, torch.Tensor] | None = None):
        """x: (B, T, C); past: None or (k_past, v_past), each (B, h, T_past, hd)
        -> (y: (B, T, C), (k, v): each (B, h, T_past + T, hd))."""
        ### BEGIN SOLUTION
        B, T, C = x.shape
        q, k, v = self.c_attn(x).split(self.n_embd, dim=2)                     # 3 x (B, T, C)
        q = q.view(B, T, self.n_head, self.head_dim).transpose(1, 2)           # (B, h, T, hd)
        k = k.view(B, T, self.n_head, self.head_dim).transpose(1, 2)           # (B, h, T, hd)
        v = v.view(B, T, self.n_head, self.head_dim).transpose(1, 2)           # (B, h, T, hd)
        if False:
            k = torch.cat([past[0], k], dim=2)                                 # (B, h, T_past + T, hd)
            v = torch.cat([past[1], v], dim=2)                                 # (B, h, T_past + T, hd)
        T_past = k.shape[2] - T
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(self.head_dim)         # (B, h, T, T_past + T)
        allowed = torch.ones(T, T_past + T, dtype=torch.bool, device=x.device).tril(diagonal=T_past)
        scores = scores.masked_fill(~allowed, float("-inf"))                   # query i sees keys j <= T_past + i
        y = torch.softmax(scores, dim=-1) @ v                                  # (B, h, T, hd)
        y = y.transpose(1, 2).reshape(B, T, C)                                 # (B, T, C): heads side by side
        return self.c_proj(y), (k, v)
        ### END SOLUTION
''',
        'cache_appended_after_new': r'''
class CausalSelfAttention(nn.Module):
    """Multi-head causal self-attention. c_attn: C -> 3C (q, k, v side by side), c_proj: C -> C."""

    def __init__(self, n_embd: int, n_head: int):
        super().__init__()
        if n_embd % n_head:
            raise ValueError(f"n_head={n_head} must divide n_embd={n_embd}")
        self.n_embd, self.n_head, self.head_dim = n_embd, n_head, n_embd // n_head
        self.c_attn = nn.Linear(n_embd, 3 * n_embd)
        self.c_proj = nn.Linear(n_embd, n_embd)

    def forward(self, x: torch.Tensor, past: tuple[torch.Tensor, torch.Tensor] | None = None):
        """x: (B, T, C); past: None or (k_past, v_past), each (B, h, T_past, hd)
        -> (y: (B, T, C), (k, v): each (B, h, T_past + T, hd))."""
        ### BEGIN SOLUTION
        B, T, C = x.shape
        q, k, v = self.c_attn(x).split(self.n_embd, dim=2)                     # 3 x (B, T, C)
        q = q.view(B, T, self.n_head, self.head_dim).transpose(1, 2)           # (B, h, T, hd)
        k = k.view(B, T, self.n_head, self.head_dim).transpose(1, 2)           # (B, h, T, hd)
        v = v.view(B, T, self.n_head, self.head_dim).transpose(1, 2)           # (B, h, T, hd)
        if past is not None:
            k = torch.cat([k, past[0]], dim=2)                                 # (B, h, T_past + T, hd)
            v = torch.cat([v, past[1]], dim=2)                                 # (B, h, T_past + T, hd)
        T_past = k.shape[2] - T
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(self.head_dim)         # (B, h, T, T_past + T)
        allowed = torch.ones(T, T_past + T, dtype=torch.bool, device=x.device).tril(diagonal=T_past)
        scores = scores.masked_fill(~allowed, float("-inf"))                   # query i sees keys j <= T_past + i
        y = torch.softmax(scores, dim=-1) @ v                                  # (B, h, T, hd)
        y = y.transpose(1, 2).reshape(B, T, C)                                 # (B, T, C): heads side by side
        return self.c_proj(y), (k, v)
        ### END SOLUTION
''',
    },
    'Block': {
        'post_norm': r'''
class Block(nn.Module):
    """Pre-LayerNorm Transformer block: x + attn(ln_1(x)), then x + mlp(ln_2(x))."""

    def __init__(self, n_embd: int, n_head: int):
        super().__init__()
        self.ln_1 = nn.LayerNorm(n_embd)
        self.attn = CausalSelfAttention(n_embd, n_head)
        self.ln_2 = nn.LayerNorm(n_embd)
        self.mlp = MLP(n_embd)

    def forward(self, x: torch.Tensor, past=None):
        """x: (B, T, C); past: the attention's cache or None -> (x: (B, T, C), present: the new cache)."""
        ### BEGIN SOLUTION
        attended, present = self.attn(x, past)      # (B, T, C): normalise, then attend
        x = self.ln_1(x + attended)                                         # residual: x itself is not normalised
        x = self.ln_2(x + self.mlp(x))
        return x, present
        ### END SOLUTION
''',
        'residual_from_normalised_x': r'''
class Block(nn.Module):
    """Pre-LayerNorm Transformer block: x + attn(ln_1(x)), then x + mlp(ln_2(x))."""

    def __init__(self, n_embd: int, n_head: int):
        super().__init__()
        self.ln_1 = nn.LayerNorm(n_embd)
        self.attn = CausalSelfAttention(n_embd, n_head)
        self.ln_2 = nn.LayerNorm(n_embd)
        self.mlp = MLP(n_embd)

    def forward(self, x: torch.Tensor, past=None):
        """x: (B, T, C); past: the attention's cache or None -> (x: (B, T, C), present: the new cache)."""
        ### BEGIN SOLUTION
        attended, present = self.attn(self.ln_1(x), past)      # (B, T, C): normalise, then attend
        x = self.ln_1(x) + attended                                         # residual: x itself is not normalised
        x = x + self.mlp(self.ln_2(x))
        return x, present
        ### END SOLUTION
''',
        'mlp_without_norm': r'''
class Block(nn.Module):
    """Pre-LayerNorm Transformer block: x + attn(ln_1(x)), then x + mlp(ln_2(x))."""

    def __init__(self, n_embd: int, n_head: int):
        super().__init__()
        self.ln_1 = nn.LayerNorm(n_embd)
        self.attn = CausalSelfAttention(n_embd, n_head)
        self.ln_2 = nn.LayerNorm(n_embd)
        self.mlp = MLP(n_embd)

    def forward(self, x: torch.Tensor, past=None):
        """x: (B, T, C); past: the attention's cache or None -> (x: (B, T, C), present: the new cache)."""
        ### BEGIN SOLUTION
        attended, present = self.attn(self.ln_1(x), past)      # (B, T, C): normalise, then attend
        x = x + attended                                         # residual: x itself is not normalised
        x = x + self.mlp(x)
        return x, present
        ### END SOLUTION
''',
        'past_not_passed': r'''
class Block(nn.Module):
    """Pre-LayerNorm Transformer block: x + attn(ln_1(x)), then x + mlp(ln_2(x))."""

    def __init__(self, n_embd: int, n_head: int):
        super().__init__()
        self.ln_1 = nn.LayerNorm(n_embd)
        self.attn = CausalSelfAttention(n_embd, n_head)
        self.ln_2 = nn.LayerNorm(n_embd)
        self.mlp = MLP(n_embd)

    def forward(self, x: torch.Tensor, past=None):
        """x: (B, T, C); past: the attention's cache or None -> (x: (B, T, C), present: the new cache)."""
        ### BEGIN SOLUTION
        attended, present = self.attn(self.ln_1(x))      # (B, T, C): normalise, then attend
        x = x + attended                                         # residual: x itself is not normalised
        x = x + self.mlp(self.ln_2(x))
        return x, present
        ### END SOLUTION
''',
        'no_attention_residual': r'''
class Block(nn.Module):
    """Pre-LayerNorm Transformer block: x + attn(ln_1(x)), then x + mlp(ln_2(x))."""

    def __init__(self, n_embd: int, n_head: int):
        super().__init__()
        self.ln_1 = nn.LayerNorm(n_embd)
        self.attn = CausalSelfAttention(n_embd, n_head)
        self.ln_2 = nn.LayerNorm(n_embd)
        self.mlp = MLP(n_embd)

    def forward(self, x: torch.Tensor, past=None):
        """x: (B, T, C); past: the attention's cache or None -> (x: (B, T, C), present: the new cache)."""
        ### BEGIN SOLUTION
        attended, present = self.attn(self.ln_1(x), past)      # (B, T, C): normalise, then attend
        x = attended                                         # residual: x itself is not normalised
        x = x + self.mlp(self.ln_2(x))
        return x, present
        ### END SOLUTION
''',
    },
    'GPT': {
        'no_weight_tying': r'''
class GPT(nn.Module):
    """Decoder-only Transformer language model. idx: (B, T) token ids -> logits (B, T, V), per-block caches."""

    def __init__(self, vocab_size: int, block_size: int, n_embd: int, n_head: int, n_layer: int):
        super().__init__()
        self.vocab_size, self.block_size = vocab_size, block_size
        ### BEGIN SOLUTION
        self.wte = nn.Embedding(vocab_size, n_embd)                      # token embeddings (V, C)
        self.wpe = nn.Embedding(block_size, n_embd)                      # position embeddings (block_size, C)
        self.blocks = nn.ModuleList([Block(n_embd, n_head) for _ in range(n_layer)])
        self.ln_f = nn.LayerNorm(n_embd)
        self.lm_head = nn.Linear(n_embd, vocab_size, bias=False)
        pass                            # weight tying: one (V, C) matrix
        ### END SOLUTION
        self.apply(init_gpt_weights)

    def forward(self, idx: torch.Tensor, past: list | None = None):
        """idx: (B, T) ids; past: None or one (k, v) cache per block -> (logits (B, T, V), presents)."""
        ### BEGIN SOLUTION
        B, T = idx.shape
        T_past = 0 if past is None else past[0][0].shape[2]
        if T_past + T > self.block_size:
            raise ValueError(f"{T_past + T} positions do not fit block_size={self.block_size}: shorten the input")
        positions = torch.arange(T_past, T_past + T, device=idx.device)          # (T,): absolute positions
        x = self.wte(idx) + self.wpe(positions)                                  # (B, T, C) + (T, C)
        presents = []
        for i, block in enumerate(self.blocks):
            x, present = block(x, None if past is None else past[i])
            presents.append(present)
        return self.lm_head(self.ln_f(x)), presents                              # (B, T, V)
        ### END SOLUTION
''',
        'tied_by_copy': r'''
class GPT(nn.Module):
    """Decoder-only Transformer language model. idx: (B, T) token ids -> logits (B, T, V), per-block caches."""

    def __init__(self, vocab_size: int, block_size: int, n_embd: int, n_head: int, n_layer: int):
        super().__init__()
        self.vocab_size, self.block_size = vocab_size, block_size
        ### BEGIN SOLUTION
        self.wte = nn.Embedding(vocab_size, n_embd)                      # token embeddings (V, C)
        self.wpe = nn.Embedding(block_size, n_embd)                      # position embeddings (block_size, C)
        self.blocks = nn.ModuleList([Block(n_embd, n_head) for _ in range(n_layer)])
        self.ln_f = nn.LayerNorm(n_embd)
        self.lm_head = nn.Linear(n_embd, vocab_size, bias=False)
        self.lm_head.weight = nn.Parameter(self.wte.weight.detach().clone())                            # weight tying: one (V, C) matrix
        ### END SOLUTION
        self.apply(init_gpt_weights)

    def forward(self, idx: torch.Tensor, past: list | None = None):
        """idx: (B, T) ids; past: None or one (k, v) cache per block -> (logits (B, T, V), presents)."""
        ### BEGIN SOLUTION
        B, T = idx.shape
        T_past = 0 if past is None else past[0][0].shape[2]
        if T_past + T > self.block_size:
            raise ValueError(f"{T_past + T} positions do not fit block_size={self.block_size}: shorten the input")
        positions = torch.arange(T_past, T_past + T, device=idx.device)          # (T,): absolute positions
        x = self.wte(idx) + self.wpe(positions)                                  # (B, T, C) + (T, C)
        presents = []
        for i, block in enumerate(self.blocks):
            x, present = block(x, None if past is None else past[i])
            presents.append(present)
        return self.lm_head(self.ln_f(x)), presents                              # (B, T, V)
        ### END SOLUTION
''',
        'no_position_embeddings': r'''
class GPT(nn.Module):
    """Decoder-only Transformer language model. idx: (B, T) token ids -> logits (B, T, V), per-block caches."""

    def __init__(self, vocab_size: int, block_size: int, n_embd: int, n_head: int, n_layer: int):
        super().__init__()
        self.vocab_size, self.block_size = vocab_size, block_size
        ### BEGIN SOLUTION
        self.wte = nn.Embedding(vocab_size, n_embd)                      # token embeddings (V, C)
        self.wpe = nn.Embedding(block_size, n_embd)                      # position embeddings (block_size, C)
        self.blocks = nn.ModuleList([Block(n_embd, n_head) for _ in range(n_layer)])
        self.ln_f = nn.LayerNorm(n_embd)
        self.lm_head = nn.Linear(n_embd, vocab_size, bias=False)
        self.lm_head.weight = self.wte.weight                            # weight tying: one (V, C) matrix
        ### END SOLUTION
        self.apply(init_gpt_weights)

    def forward(self, idx: torch.Tensor, past: list | None = None):
        """idx: (B, T) ids; past: None or one (k, v) cache per block -> (logits (B, T, V), presents)."""
        ### BEGIN SOLUTION
        B, T = idx.shape
        T_past = 0 if past is None else past[0][0].shape[2]
        if T_past + T > self.block_size:
            raise ValueError(f"{T_past + T} positions do not fit block_size={self.block_size}: shorten the input")
        positions = torch.arange(T_past, T_past + T, device=idx.device)          # (T,): absolute positions
        x = self.wte(idx)                                  # (B, T, C) + (T, C)
        presents = []
        for i, block in enumerate(self.blocks):
            x, present = block(x, None if past is None else past[i])
            presents.append(present)
        return self.lm_head(self.ln_f(x)), presents                              # (B, T, V)
        ### END SOLUTION
''',
        'positions_restart_with_cache': r'''
class GPT(nn.Module):
    """Decoder-only Transformer language model. idx: (B, T) token ids -> logits (B, T, V), per-block caches."""

    def __init__(self, vocab_size: int, block_size: int, n_embd: int, n_head: int, n_layer: int):
        super().__init__()
        self.vocab_size, self.block_size = vocab_size, block_size
        ### BEGIN SOLUTION
        self.wte = nn.Embedding(vocab_size, n_embd)                      # token embeddings (V, C)
        self.wpe = nn.Embedding(block_size, n_embd)                      # position embeddings (block_size, C)
        self.blocks = nn.ModuleList([Block(n_embd, n_head) for _ in range(n_layer)])
        self.ln_f = nn.LayerNorm(n_embd)
        self.lm_head = nn.Linear(n_embd, vocab_size, bias=False)
        self.lm_head.weight = self.wte.weight                            # weight tying: one (V, C) matrix
        ### END SOLUTION
        self.apply(init_gpt_weights)

    def forward(self, idx: torch.Tensor, past: list | None = None):
        """idx: (B, T) ids; past: None or one (k, v) cache per block -> (logits (B, T, V), presents)."""
        ### BEGIN SOLUTION
        B, T = idx.shape
        T_past = 0 if past is None else past[0][0].shape[2]
        if T_past + T > self.block_size:
            raise ValueError(f"{T_past + T} positions do not fit block_size={self.block_size}: shorten the input")
        positions = torch.arange(T, device=idx.device)          # (T,): absolute positions
        x = self.wte(idx) + self.wpe(positions)                                  # (B, T, C) + (T, C)
        presents = []
        for i, block in enumerate(self.blocks):
            x, present = block(x, None if past is None else past[i])
            presents.append(present)
        return self.lm_head(self.ln_f(x)), presents                              # (B, T, V)
        ### END SOLUTION
''',
        'no_final_layernorm': r'''
class GPT(nn.Module):
    """Decoder-only Transformer language model. idx: (B, T) token ids -> logits (B, T, V), per-block caches."""

    def __init__(self, vocab_size: int, block_size: int, n_embd: int, n_head: int, n_layer: int):
        super().__init__()
        self.vocab_size, self.block_size = vocab_size, block_size
        ### BEGIN SOLUTION
        self.wte = nn.Embedding(vocab_size, n_embd)                      # token embeddings (V, C)
        self.wpe = nn.Embedding(block_size, n_embd)                      # position embeddings (block_size, C)
        self.blocks = nn.ModuleList([Block(n_embd, n_head) for _ in range(n_layer)])
        self.ln_f = nn.LayerNorm(n_embd)
        self.lm_head = nn.Linear(n_embd, vocab_size, bias=False)
        self.lm_head.weight = self.wte.weight                            # weight tying: one (V, C) matrix
        ### END SOLUTION
        self.apply(init_gpt_weights)

    def forward(self, idx: torch.Tensor, past: list | None = None):
        """idx: (B, T) ids; past: None or one (k, v) cache per block -> (logits (B, T, V), presents)."""
        ### BEGIN SOLUTION
        B, T = idx.shape
        T_past = 0 if past is None else past[0][0].shape[2]
        if T_past + T > self.block_size:
            raise ValueError(f"{T_past + T} positions do not fit block_size={self.block_size}: shorten the input")
        positions = torch.arange(T_past, T_past + T, device=idx.device)          # (T,): absolute positions
        x = self.wte(idx) + self.wpe(positions)                                  # (B, T, C) + (T, C)
        presents = []
        for i, block in enumerate(self.blocks):
            x, present = block(x, None if past is None else past[i])
            presents.append(present)
        return self.lm_head(x), presents                              # (B, T, V)
        ### END SOLUTION
''',
        'no_length_check': r'''
class GPT(nn.Module):
    """Decoder-only Transformer language model. idx: (B, T) token ids -> logits (B, T, V), per-block caches."""

    def __init__(self, vocab_size: int, block_size: int, n_embd: int, n_head: int, n_layer: int):
        super().__init__()
        self.vocab_size, self.block_size = vocab_size, block_size
        ### BEGIN SOLUTION
        self.wte = nn.Embedding(vocab_size, n_embd)                      # token embeddings (V, C)
        self.wpe = nn.Embedding(block_size, n_embd)                      # position embeddings (block_size, C)
        self.blocks = nn.ModuleList([Block(n_embd, n_head) for _ in range(n_layer)])
        self.ln_f = nn.LayerNorm(n_embd)
        self.lm_head = nn.Linear(n_embd, vocab_size, bias=False)
        self.lm_head.weight = self.wte.weight                            # weight tying: one (V, C) matrix
        ### END SOLUTION
        self.apply(init_gpt_weights)

    def forward(self, idx: torch.Tensor, past: list | None = None):
        """idx: (B, T) ids; past: None or one (k, v) cache per block -> (logits (B, T, V), presents)."""
        ### BEGIN SOLUTION
        B, T = idx.shape
        T_past = 0 if past is None else past[0][0].shape[2]
        if T_past + T > self.block_size:
            print(f"{T_past + T} positions do not fit block_size={self.block_size}: shorten the input")
        positions = torch.arange(T_past, T_past + T, device=idx.device)          # (T,): absolute positions
        x = self.wte(idx) + self.wpe(positions)                                  # (B, T, C) + (T, C)
        presents = []
        for i, block in enumerate(self.blocks):
            x, present = block(x, None if past is None else past[i])
            presents.append(present)
        return self.lm_head(self.ln_f(x)), presents                              # (B, T, V)
        ### END SOLUTION
''',
        'first_cache_for_every_block': r'''
class GPT(nn.Module):
    """Decoder-only Transformer language model. idx: (B, T) token ids -> logits (B, T, V), per-block caches."""

    def __init__(self, vocab_size: int, block_size: int, n_embd: int, n_head: int, n_layer: int):
        super().__init__()
        self.vocab_size, self.block_size = vocab_size, block_size
        ### BEGIN SOLUTION
        self.wte = nn.Embedding(vocab_size, n_embd)                      # token embeddings (V, C)
        self.wpe = nn.Embedding(block_size, n_embd)                      # position embeddings (block_size, C)
        self.blocks = nn.ModuleList([Block(n_embd, n_head) for _ in range(n_layer)])
        self.ln_f = nn.LayerNorm(n_embd)
        self.lm_head = nn.Linear(n_embd, vocab_size, bias=False)
        self.lm_head.weight = self.wte.weight                            # weight tying: one (V, C) matrix
        ### END SOLUTION
        self.apply(init_gpt_weights)

    def forward(self, idx: torch.Tensor, past: list | None = None):
        """idx: (B, T) ids; past: None or one (k, v) cache per block -> (logits (B, T, V), presents)."""
        ### BEGIN SOLUTION
        B, T = idx.shape
        T_past = 0 if past is None else past[0][0].shape[2]
        if T_past + T > self.block_size:
            raise ValueError(f"{T_past + T} positions do not fit block_size={self.block_size}: shorten the input")
        positions = torch.arange(T_past, T_past + T, device=idx.device)          # (T,): absolute positions
        x = self.wte(idx) + self.wpe(positions)                                  # (B, T, C) + (T, C)
        presents = []
        for i, block in enumerate(self.blocks):
            x, present = block(x, None if past is None else past[0])
            presents.append(present)
        return self.lm_head(self.ln_f(x)), presents                              # (B, T, V)
        ### END SOLUTION
''',
        'cache_length_from_batch_axis': r'''
class GPT(nn.Module):
    """Decoder-only Transformer language model. idx: (B, T) token ids -> logits (B, T, V), per-block caches."""

    def __init__(self, vocab_size: int, block_size: int, n_embd: int, n_head: int, n_layer: int):
        super().__init__()
        self.vocab_size, self.block_size = vocab_size, block_size
        ### BEGIN SOLUTION
        self.wte = nn.Embedding(vocab_size, n_embd)                      # token embeddings (V, C)
        self.wpe = nn.Embedding(block_size, n_embd)                      # position embeddings (block_size, C)
        self.blocks = nn.ModuleList([Block(n_embd, n_head) for _ in range(n_layer)])
        self.ln_f = nn.LayerNorm(n_embd)
        self.lm_head = nn.Linear(n_embd, vocab_size, bias=False)
        self.lm_head.weight = self.wte.weight                            # weight tying: one (V, C) matrix
        ### END SOLUTION
        self.apply(init_gpt_weights)

    def forward(self, idx: torch.Tensor, past: list | None = None):
        """idx: (B, T) ids; past: None or one (k, v) cache per block -> (logits (B, T, V), presents)."""
        ### BEGIN SOLUTION
        B, T = idx.shape
        T_past = 0 if past is None else past[0][0].shape[0]
        if T_past + T > self.block_size:
            raise ValueError(f"{T_past + T} positions do not fit block_size={self.block_size}: shorten the input")
        positions = torch.arange(T_past, T_past + T, device=idx.device)          # (T,): absolute positions
        x = self.wte(idx) + self.wpe(positions)                                  # (B, T, C) + (T, C)
        presents = []
        for i, block in enumerate(self.blocks):
            x, present = block(x, None if past is None else past[i])
            presents.append(present)
        return self.lm_head(self.ln_f(x)), presents                              # (B, T, V)
        ### END SOLUTION
''',
    },
    'gpt_num_params': {
        'head_counted_untied': r'''
def gpt_num_params(vocab_size: int, block_size: int, n_embd: int, n_layer: int) -> int:
    """Number of parameters of GPT(vocab_size, block_size, n_embd, any n_head, n_layer), lm_head tied to wte."""
    ### BEGIN SOLUTION
    C = n_embd
    per_block = 2 * 2 * C + (3 * C * C + 3 * C) + (C * C + C) + (4 * C * C + 4 * C) + (4 * C * C + C)   # 12C^2 + 13C
    return 2 * vocab_size * C + block_size * C + n_layer * per_block + 2 * C                             # wte, wpe, ln_f
    ### END SOLUTION
''',
        'layernorms_forgotten': r'''
def gpt_num_params(vocab_size: int, block_size: int, n_embd: int, n_layer: int) -> int:
    """Number of parameters of GPT(vocab_size, block_size, n_embd, any n_head, n_layer), lm_head tied to wte."""
    ### BEGIN SOLUTION
    C = n_embd
    per_block = (3 * C * C + 3 * C) + (C * C + C) + (4 * C * C + 4 * C) + (4 * C * C + C)   # 12C^2 + 13C
    return vocab_size * C + block_size * C + n_layer * per_block + 2 * C                             # wte, wpe, ln_f
    ### END SOLUTION
''',
        'position_embeddings_forgotten': r'''
def gpt_num_params(vocab_size: int, block_size: int, n_embd: int, n_layer: int) -> int:
    """Number of parameters of GPT(vocab_size, block_size, n_embd, any n_head, n_layer), lm_head tied to wte."""
    ### BEGIN SOLUTION
    C = n_embd
    per_block = 2 * 2 * C + (3 * C * C + 3 * C) + (C * C + C) + (4 * C * C + 4 * C) + (4 * C * C + C)   # 12C^2 + 13C
    return vocab_size * C + n_layer * per_block + 2 * C                             # wte, wpe, ln_f
    ### END SOLUTION
''',
        'biases_forgotten': r'''
def gpt_num_params(vocab_size: int, block_size: int, n_embd: int, n_layer: int) -> int:
    """Number of parameters of GPT(vocab_size, block_size, n_embd, any n_head, n_layer), lm_head tied to wte."""
    ### BEGIN SOLUTION
    C = n_embd
    per_block = 2 * 2 * C + (3 * C * C) + (C * C) + (4 * C * C) + (4 * C * C)   # 12C^2 + 13C
    return vocab_size * C + block_size * C + n_layer * per_block + 2 * C                             # wte, wpe, ln_f
    ### END SOLUTION
''',
        'final_layernorm_forgotten': r'''
def gpt_num_params(vocab_size: int, block_size: int, n_embd: int, n_layer: int) -> int:
    """Number of parameters of GPT(vocab_size, block_size, n_embd, any n_head, n_layer), lm_head tied to wte."""
    ### BEGIN SOLUTION
    C = n_embd
    per_block = 2 * 2 * C + (3 * C * C + 3 * C) + (C * C + C) + (4 * C * C + 4 * C) + (4 * C * C + C)   # 12C^2 + 13C
    return vocab_size * C + block_size * C + n_layer * per_block                             # wte, wpe, ln_f
    ### END SOLUTION
''',
        'attention_per_head': r'''
def gpt_num_params(vocab_size: int, block_size: int, n_embd: int, n_layer: int) -> int:
    """Number of parameters of GPT(vocab_size, block_size, n_embd, any n_head, n_layer), lm_head tied to wte."""
    ### BEGIN SOLUTION
    C = n_embd
    per_block = 2 * 2 * C + (3 * C * C // 4 + 3 * C) + (C * C + C) + (4 * C * C + 4 * C) + (4 * C * C + C)   # 12C^2 + 13C
    return vocab_size * C + block_size * C + n_layer * per_block + 2 * C                             # wte, wpe, ln_f
    ### END SOLUTION
''',
    },
    'top_k_logits': {
        'keeps_the_smallest': r'''
def top_k_logits(logits: torch.Tensor, k: int | None) -> torch.Tensor:
    """(B, V) -> (B, V): each row's k largest logits kept, the others -inf. k=None: unchanged."""
    ### BEGIN SOLUTION
    if k is None:
        return logits
    kth_largest = torch.topk(logits, min(k, logits.shape[-1]), dim=-1).values[:, -1:]   # (B, 1)
    return logits.masked_fill(logits > kth_largest, float("-inf"))
    ### END SOLUTION
''',
        'drops_ties_with_the_kth': r'''
def top_k_logits(logits: torch.Tensor, k: int | None) -> torch.Tensor:
    """(B, V) -> (B, V): each row's k largest logits kept, the others -inf. k=None: unchanged."""
    ### BEGIN SOLUTION
    if k is None:
        return logits
    kth_largest = torch.topk(logits, min(k, logits.shape[-1]), dim=-1).values[:, -1:]   # (B, 1)
    return logits.masked_fill(logits <= kth_largest, float("-inf"))
    ### END SOLUTION
''',
        'threshold_is_the_largest': r'''
def top_k_logits(logits: torch.Tensor, k: int | None) -> torch.Tensor:
    """(B, V) -> (B, V): each row's k largest logits kept, the others -inf. k=None: unchanged."""
    ### BEGIN SOLUTION
    if k is None:
        return logits
    kth_largest = torch.topk(logits, min(k, logits.shape[-1]), dim=-1).values[:, :1]   # (B, 1)
    return logits.masked_fill(logits < kth_largest, float("-inf"))
    ### END SOLUTION
''',
        'in_place': r'''
def top_k_logits(logits: torch.Tensor, k: int | None) -> torch.Tensor:
    """(B, V) -> (B, V): each row's k largest logits kept, the others -inf. k=None: unchanged."""
    ### BEGIN SOLUTION
    if k is None:
        return logits
    kth_largest = torch.topk(logits, min(k, logits.shape[-1]), dim=-1).values[:, -1:]   # (B, 1)
    return logits.masked_fill_(logits < kth_largest, float("-inf"))
    ### END SOLUTION
''',
        'k_not_capped': r'''
def top_k_logits(logits: torch.Tensor, k: int | None) -> torch.Tensor:
    """(B, V) -> (B, V): each row's k largest logits kept, the others -inf. k=None: unchanged."""
    ### BEGIN SOLUTION
    if k is None:
        return logits
    kth_largest = torch.topk(logits, k, dim=-1).values[:, -1:]   # (B, 1)
    return logits.masked_fill(logits < kth_largest, float("-inf"))
    ### END SOLUTION
''',
        'none_not_handled': r'''
def top_k_logits(logits: torch.Tensor, k: int | None) -> torch.Tensor:
    """(B, V) -> (B, V): each row's k largest logits kept, the others -inf. k=None: unchanged."""
    ### BEGIN SOLUTION
    kth_largest = torch.topk(logits, min(k, logits.shape[-1]), dim=-1).values[:, -1:]   # (B, 1)
    return logits.masked_fill(logits < kth_largest, float("-inf"))
    ### END SOLUTION
''',
        'threshold_over_the_whole_batch': r'''
def top_k_logits(logits: torch.Tensor, k: int | None) -> torch.Tensor:
    """(B, V) -> (B, V): each row's k largest logits kept, the others -inf. k=None: unchanged."""
    ### BEGIN SOLUTION
    if k is None:
        return logits
    kth_largest = torch.topk(logits.flatten(), min(k, logits.shape[-1])).values[-1:]   # (B, 1)
    return logits.masked_fill(logits < kth_largest, float("-inf"))
    ### END SOLUTION
''',
    },
    'generate': {
        'cache_without_new_token_only': r'''
@torch.no_grad()
def generate(model: nn.Module, idx: torch.Tensor, max_new_tokens: int, temperature: float = 1.0,
             top_k: int | None = None, generator: torch.Generator | None = None, use_cache: bool = True) -> torch.Tensor:
    """Append max_new_tokens tokens to idx (B, T0) -> (B, T0 + max_new_tokens). temperature=0: greedy."""
    ### BEGIN SOLUTION
    if temperature < 0:
        raise ValueError(f"temperature must be >= 0 (0 = greedy), got {temperature}")
    if idx.shape[1] + max_new_tokens > model.block_size:
        raise ValueError(f"{idx.shape[1]} + {max_new_tokens} tokens do not fit block_size={model.block_size}")
    model.eval()
    past, step_input = None, idx                                          # the first step reads the whole prompt
    for _ in range(max_new_tokens):
        if use_cache:
            logits, past = model(step_input, past)                        # (B, T, V); past grows by T positions
        else:
            logits, _ = model(idx)                                        # (B, t, V): everything, every step
        logits = logits[:, -1, :]                                         # (B, V): the next token's scores
        if temperature == 0:
            next_token = logits.argmax(dim=-1, keepdim=True)              # (B, 1)
        else:
            probs = torch.softmax(top_k_logits(logits / temperature, top_k), dim=-1).cpu()
            next_token = torch.multinomial(probs, 1, generator=generator).to(idx.device)   # (B, 1)
        idx = torch.cat([idx, next_token], dim=1)                         # (B, t + 1)
        step_input = idx                                           # with the cache: only the new token
    return idx
    ### END SOLUTION
''',
        'cache_never_used': r'''
@torch.no_grad()
def generate(model: nn.Module, idx: torch.Tensor, max_new_tokens: int, temperature: float = 1.0,
             top_k: int | None = None, generator: torch.Generator | None = None, use_cache: bool = True) -> torch.Tensor:
    """Append max_new_tokens tokens to idx (B, T0) -> (B, T0 + max_new_tokens). temperature=0: greedy."""
    ### BEGIN SOLUTION
    if temperature < 0:
        raise ValueError(f"temperature must be >= 0 (0 = greedy), got {temperature}")
    if idx.shape[1] + max_new_tokens > model.block_size:
        raise ValueError(f"{idx.shape[1]} + {max_new_tokens} tokens do not fit block_size={model.block_size}")
    model.eval()
    past, step_input = None, idx                                          # the first step reads the whole prompt
    for _ in range(max_new_tokens):
        if use_cache:
            logits, _ = model(idx)                        # (B, T, V); past grows by T positions
        else:
            logits, _ = model(idx)                                        # (B, t, V): everything, every step
        logits = logits[:, -1, :]                                         # (B, V): the next token's scores
        if temperature == 0:
            next_token = logits.argmax(dim=-1, keepdim=True)              # (B, 1)
        else:
            probs = torch.softmax(top_k_logits(logits / temperature, top_k), dim=-1).cpu()
            next_token = torch.multinomial(probs, 1, generator=generator).to(idx.device)   # (B, 1)
        idx = torch.cat([idx, next_token], dim=1)                         # (B, t + 1)
        step_input = next_token                                           # with the cache: only the new token
    return idx
    ### END SOLUTION
''',
        'first_position_logits': r'''
@torch.no_grad()
def generate(model: nn.Module, idx: torch.Tensor, max_new_tokens: int, temperature: float = 1.0,
             top_k: int | None = None, generator: torch.Generator | None = None, use_cache: bool = True) -> torch.Tensor:
    """Append max_new_tokens tokens to idx (B, T0) -> (B, T0 + max_new_tokens). temperature=0: greedy."""
    ### BEGIN SOLUTION
    if temperature < 0:
        raise ValueError(f"temperature must be >= 0 (0 = greedy), got {temperature}")
    if idx.shape[1] + max_new_tokens > model.block_size:
        raise ValueError(f"{idx.shape[1]} + {max_new_tokens} tokens do not fit block_size={model.block_size}")
    model.eval()
    past, step_input = None, idx                                          # the first step reads the whole prompt
    for _ in range(max_new_tokens):
        if use_cache:
            logits, past = model(step_input, past)                        # (B, T, V); past grows by T positions
        else:
            logits, _ = model(idx)                                        # (B, t, V): everything, every step
        logits = logits[:, 0, :]                                         # (B, V): the next token's scores
        if temperature == 0:
            next_token = logits.argmax(dim=-1, keepdim=True)              # (B, 1)
        else:
            probs = torch.softmax(top_k_logits(logits / temperature, top_k), dim=-1).cpu()
            next_token = torch.multinomial(probs, 1, generator=generator).to(idx.device)   # (B, 1)
        idx = torch.cat([idx, next_token], dim=1)                         # (B, t + 1)
        step_input = next_token                                           # with the cache: only the new token
    return idx
    ### END SOLUTION
''',
        'temperature_multiplies': r'''
@torch.no_grad()
def generate(model: nn.Module, idx: torch.Tensor, max_new_tokens: int, temperature: float = 1.0,
             top_k: int | None = None, generator: torch.Generator | None = None, use_cache: bool = True) -> torch.Tensor:
    """Append max_new_tokens tokens to idx (B, T0) -> (B, T0 + max_new_tokens). temperature=0: greedy."""
    ### BEGIN SOLUTION
    if temperature < 0:
        raise ValueError(f"temperature must be >= 0 (0 = greedy), got {temperature}")
    if idx.shape[1] + max_new_tokens > model.block_size:
        raise ValueError(f"{idx.shape[1]} + {max_new_tokens} tokens do not fit block_size={model.block_size}")
    model.eval()
    past, step_input = None, idx                                          # the first step reads the whole prompt
    for _ in range(max_new_tokens):
        if use_cache:
            logits, past = model(step_input, past)                        # (B, T, V); past grows by T positions
        else:
            logits, _ = model(idx)                                        # (B, t, V): everything, every step
        logits = logits[:, -1, :]                                         # (B, V): the next token's scores
        if temperature == 0:
            next_token = logits.argmax(dim=-1, keepdim=True)              # (B, 1)
        else:
            probs = torch.softmax(top_k_logits(logits * temperature, top_k), dim=-1).cpu()
            next_token = torch.multinomial(probs, 1, generator=generator).to(idx.device)   # (B, 1)
        idx = torch.cat([idx, next_token], dim=1)                         # (B, t + 1)
        step_input = next_token                                           # with the cache: only the new token
    return idx
    ### END SOLUTION
''',
        'top_k_ignored': r'''
@torch.no_grad()
def generate(model: nn.Module, idx: torch.Tensor, max_new_tokens: int, temperature: float = 1.0,
             top_k: int | None = None, generator: torch.Generator | None = None, use_cache: bool = True) -> torch.Tensor:
    """Append max_new_tokens tokens to idx (B, T0) -> (B, T0 + max_new_tokens). temperature=0: greedy."""
    ### BEGIN SOLUTION
    if temperature < 0:
        raise ValueError(f"temperature must be >= 0 (0 = greedy), got {temperature}")
    if idx.shape[1] + max_new_tokens > model.block_size:
        raise ValueError(f"{idx.shape[1]} + {max_new_tokens} tokens do not fit block_size={model.block_size}")
    model.eval()
    past, step_input = None, idx                                          # the first step reads the whole prompt
    for _ in range(max_new_tokens):
        if use_cache:
            logits, past = model(step_input, past)                        # (B, T, V); past grows by T positions
        else:
            logits, _ = model(idx)                                        # (B, t, V): everything, every step
        logits = logits[:, -1, :]                                         # (B, V): the next token's scores
        if temperature == 0:
            next_token = logits.argmax(dim=-1, keepdim=True)              # (B, 1)
        else:
            probs = torch.softmax(logits / temperature, dim=-1).cpu()
            next_token = torch.multinomial(probs, 1, generator=generator).to(idx.device)   # (B, 1)
        idx = torch.cat([idx, next_token], dim=1)                         # (B, t + 1)
        step_input = next_token                                           # with the cache: only the new token
    return idx
    ### END SOLUTION
''',
        'generator_ignored': r'''
@torch.no_grad()
def generate(model: nn.Module, idx: torch.Tensor, max_new_tokens: int, temperature: float = 1.0,
             top_k: int | None = None, generator: torch.Generator | None = None, use_cache: bool = True) -> torch.Tensor:
    """Append max_new_tokens tokens to idx (B, T0) -> (B, T0 + max_new_tokens). temperature=0: greedy."""
    ### BEGIN SOLUTION
    if temperature < 0:
        raise ValueError(f"temperature must be >= 0 (0 = greedy), got {temperature}")
    if idx.shape[1] + max_new_tokens > model.block_size:
        raise ValueError(f"{idx.shape[1]} + {max_new_tokens} tokens do not fit block_size={model.block_size}")
    model.eval()
    past, step_input = None, idx                                          # the first step reads the whole prompt
    for _ in range(max_new_tokens):
        if use_cache:
            logits, past = model(step_input, past)                        # (B, T, V); past grows by T positions
        else:
            logits, _ = model(idx)                                        # (B, t, V): everything, every step
        logits = logits[:, -1, :]                                         # (B, V): the next token's scores
        if temperature == 0:
            next_token = logits.argmax(dim=-1, keepdim=True)              # (B, 1)
        else:
            probs = torch.softmax(top_k_logits(logits / temperature, top_k), dim=-1).cpu()
            next_token = torch.multinomial(probs, 1).to(idx.device)   # (B, 1)
        idx = torch.cat([idx, next_token], dim=1)                         # (B, t + 1)
        step_input = next_token                                           # with the cache: only the new token
    return idx
    ### END SOLUTION
''',
        'cache_restarted_every_step': r'''
@torch.no_grad()
def generate(model: nn.Module, idx: torch.Tensor, max_new_tokens: int, temperature: float = 1.0,
             top_k: int | None = None, generator: torch.Generator | None = None, use_cache: bool = True) -> torch.Tensor:
    """Append max_new_tokens tokens to idx (B, T0) -> (B, T0 + max_new_tokens). temperature=0: greedy."""
    ### BEGIN SOLUTION
    if temperature < 0:
        raise ValueError(f"temperature must be >= 0 (0 = greedy), got {temperature}")
    if idx.shape[1] + max_new_tokens > model.block_size:
        raise ValueError(f"{idx.shape[1]} + {max_new_tokens} tokens do not fit block_size={model.block_size}")
    model.eval()
    past, step_input = None, idx                                          # the first step reads the whole prompt
    for _ in range(max_new_tokens):
        if use_cache:
            logits, past = model(idx, None)                        # (B, T, V); past grows by T positions
        else:
            logits, _ = model(idx)                                        # (B, t, V): everything, every step
        logits = logits[:, -1, :]                                         # (B, V): the next token's scores
        if temperature == 0:
            next_token = logits.argmax(dim=-1, keepdim=True)              # (B, 1)
        else:
            probs = torch.softmax(top_k_logits(logits / temperature, top_k), dim=-1).cpu()
            next_token = torch.multinomial(probs, 1, generator=generator).to(idx.device)   # (B, 1)
        idx = torch.cat([idx, next_token], dim=1)                         # (B, t + 1)
        step_input = next_token                                           # with the cache: only the new token
    return idx
    ### END SOLUTION
''',
    },
}
