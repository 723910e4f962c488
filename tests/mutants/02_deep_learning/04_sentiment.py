"""Plausible wrong answers for 04_sentiment.ipynb; each must make a graded cell fail."""
RUNNER = "fork"  # state lives in memory: mutants run from forks of one execution (autograder/mutation.py)
MUTANTS = {
    "tokenize": {
        "split_on_whitespace": r'''
def tokenize(text: str) -> list[str]:
    """Lowercase, then the runs of word characters (inner apostrophes kept: "don't"). str -> list[str]."""
    ### BEGIN SOLUTION
    return text.lower().split()   # word characters, joined by inner apostrophes
    ### END SOLUTION
''',
        "apostrophe_splits_words": r'''
def tokenize(text: str) -> list[str]:
    """Lowercase, then the runs of word characters (inner apostrophes kept: "don't"). str -> list[str]."""
    ### BEGIN SOLUTION
    return re.findall(r"\w+", text.lower())   # word characters, joined by inner apostrophes
    ### END SOLUTION
''',
        "no_lowercase": r'''
def tokenize(text: str) -> list[str]:
    """Lowercase, then the runs of word characters (inner apostrophes kept: "don't"). str -> list[str]."""
    ### BEGIN SOLUTION
    return re.findall(r"\w+(?:'\w+)*", text)   # word characters, joined by inner apostrophes
    ### END SOLUTION
''',
        "ascii_only": r'''
def tokenize(text: str) -> list[str]:
    """Lowercase, then the runs of word characters (inner apostrophes kept: "don't"). str -> list[str]."""
    ### BEGIN SOLUTION
    return re.findall(r"[a-z0-9]+(?:'[a-z0-9]+)*", text.lower())   # word characters, joined by inner apostrophes
    ### END SOLUTION
''',
    },
    "build_vocab": {
        "vocab_leaks_test_split": r'''
PAD, UNK = 0, 1                  # reserved ids
SPECIALS = ["<pad>", "<unk>"]


def build_vocab(token_lists: list[list[str]], min_freq: int) -> list[str]:
    """itos: ["<pad>", "<unk>", then the words with count >= min_freq, by count desc, then alphabetically]."""
    ### BEGIN SOLUTION
    counts = Counter(word for tokens in token_lists for word in tokens)
    words = sorted((w for w, n in counts.items() if n >= min_freq), key=lambda w: (-counts[w], w))
    return SPECIALS + words
    ### END SOLUTION


# The notebook's vocabulary (see the warning above about which sentences to count).
### BEGIN SOLUTION
itos = build_vocab(train_tokens + test_tokens, min_freq)
### END SOLUTION
''',
        "strict_min_freq": r'''
PAD, UNK = 0, 1                  # reserved ids
SPECIALS = ["<pad>", "<unk>"]


def build_vocab(token_lists: list[list[str]], min_freq: int) -> list[str]:
    """itos: ["<pad>", "<unk>", then the words with count >= min_freq, by count desc, then alphabetically]."""
    ### BEGIN SOLUTION
    counts = Counter(word for tokens in token_lists for word in tokens)
    words = sorted((w for w, n in counts.items() if n > min_freq), key=lambda w: (-counts[w], w))
    return SPECIALS + words
    ### END SOLUTION


# The notebook's vocabulary (see the warning above about which sentences to count).
### BEGIN SOLUTION
itos = build_vocab(train_tokens, min_freq)
### END SOLUTION
''',
        "unk_at_index_0": r'''
PAD, UNK = 0, 1                  # reserved ids
SPECIALS = ["<unk>", "<pad>"]


def build_vocab(token_lists: list[list[str]], min_freq: int) -> list[str]:
    """itos: ["<pad>", "<unk>", then the words with count >= min_freq, by count desc, then alphabetically]."""
    ### BEGIN SOLUTION
    counts = Counter(word for tokens in token_lists for word in tokens)
    words = sorted((w for w, n in counts.items() if n >= min_freq), key=lambda w: (-counts[w], w))
    return SPECIALS + words
    ### END SOLUTION


# The notebook's vocabulary (see the warning above about which sentences to count).
### BEGIN SOLUTION
itos = build_vocab(train_tokens, min_freq)
### END SOLUTION
''',
        "alphabetical_only": r'''
PAD, UNK = 0, 1                  # reserved ids
SPECIALS = ["<pad>", "<unk>"]


def build_vocab(token_lists: list[list[str]], min_freq: int) -> list[str]:
    """itos: ["<pad>", "<unk>", then the words with count >= min_freq, by count desc, then alphabetically]."""
    ### BEGIN SOLUTION
    counts = Counter(word for tokens in token_lists for word in tokens)
    words = sorted((w for w, n in counts.items() if n >= min_freq), key=lambda w: w)
    return SPECIALS + words
    ### END SOLUTION


# The notebook's vocabulary (see the warning above about which sentences to count).
### BEGIN SOLUTION
itos = build_vocab(train_tokens, min_freq)
### END SOLUTION
''',
    },
    "encode_tokens": {
        "unknown_to_pad": r'''
def encode_tokens(tokens: list[str], stoi: dict[str, int]) -> list[int]:
    """Token ids; unknown tokens -> UNK. list[str] of length L -> list[int] of length L."""
    ### BEGIN SOLUTION
    return [stoi.get(token, PAD) for token in tokens]
    ### END SOLUTION
''',
        "unknown_to_len_stoi": r'''
def encode_tokens(tokens: list[str], stoi: dict[str, int]) -> list[int]:
    """Token ids; unknown tokens -> UNK. list[str] of length L -> list[int] of length L."""
    ### BEGIN SOLUTION
    return [stoi.get(token, len(stoi)) for token in tokens]
    ### END SOLUTION
''',
        "drops_unknown": r'''
def encode_tokens(tokens: list[str], stoi: dict[str, int]) -> list[int]:
    """Token ids; unknown tokens -> UNK. list[str] of length L -> list[int] of length L."""
    ### BEGIN SOLUTION
    return [stoi[token] for token in tokens if token in stoi]
    ### END SOLUTION
''',
    },
    "count_matrix": {
        "binary_presence": r'''
def count_matrix(token_lists: list[list[str]], stoi: dict[str, int]) -> np.ndarray:
    """Bag-of-words counts. N token lists, V = len(stoi) -> X: (N, V) float, X[n, j] = count of id j in list n."""
    ### BEGIN SOLUTION
    X = np.zeros((len(token_lists), len(stoi)))
    for n, tokens in enumerate(token_lists):
        for j in encode_tokens(tokens, stoi):
            X[n, j] = 1
    return X
    ### END SOLUTION
''',
        "drops_unknown": r'''
def count_matrix(token_lists: list[list[str]], stoi: dict[str, int]) -> np.ndarray:
    """Bag-of-words counts. N token lists, V = len(stoi) -> X: (N, V) float, X[n, j] = count of id j in list n."""
    ### BEGIN SOLUTION
    X = np.zeros((len(token_lists), len(stoi)))
    for n, tokens in enumerate(token_lists):
        for j in encode_tokens(tokens, stoi):
            if j != UNK:
                X[n, j] += 1
    return X
    ### END SOLUTION
''',
        "frequencies_not_counts": r'''
def count_matrix(token_lists: list[list[str]], stoi: dict[str, int]) -> np.ndarray:
    """Bag-of-words counts. N token lists, V = len(stoi) -> X: (N, V) float, X[n, j] = count of id j in list n."""
    ### BEGIN SOLUTION
    X = np.zeros((len(token_lists), len(stoi)))
    for n, tokens in enumerate(token_lists):
        for j in encode_tokens(tokens, stoi):
            X[n, j] += 1 / len(tokens)
    return X
    ### END SOLUTION
''',
    },
    "collate_bags": {
        "inclusive_cumsum": r'''
def collate_bags(batch: list[tuple[list[int], int]]) -> tuple[Bag, torch.Tensor]:
    """B (ids, label) pairs -> (Bag(ids: (total,), offsets: (B,)), labels: (B,)), all int64."""
    ### BEGIN SOLUTION
    lengths = torch.tensor([len(ids) for ids, _ in batch], dtype=torch.long)                 # (B,)
    ids = torch.tensor([i for sample_ids, _ in batch for i in sample_ids], dtype=torch.long)   # (total,)
    offsets = lengths.cumsum(0)           # (B,)
    labels = torch.tensor([label for _, label in batch], dtype=torch.long)                    # (B,)
    return Bag(ids, offsets), labels
    ### END SOLUTION
''',
        "offsets_are_lengths": r'''
def collate_bags(batch: list[tuple[list[int], int]]) -> tuple[Bag, torch.Tensor]:
    """B (ids, label) pairs -> (Bag(ids: (total,), offsets: (B,)), labels: (B,)), all int64."""
    ### BEGIN SOLUTION
    lengths = torch.tensor([len(ids) for ids, _ in batch], dtype=torch.long)                 # (B,)
    ids = torch.tensor([i for sample_ids, _ in batch for i in sample_ids], dtype=torch.long)   # (total,)
    offsets = lengths           # (B,)
    labels = torch.tensor([label for _, label in batch], dtype=torch.long)                    # (B,)
    return Bag(ids, offsets), labels
    ### END SOLUTION
''',
        "one_offset_too_many": r'''
def collate_bags(batch: list[tuple[list[int], int]]) -> tuple[Bag, torch.Tensor]:
    """B (ids, label) pairs -> (Bag(ids: (total,), offsets: (B,)), labels: (B,)), all int64."""
    ### BEGIN SOLUTION
    lengths = torch.tensor([len(ids) for ids, _ in batch], dtype=torch.long)                 # (B,)
    ids = torch.tensor([i for sample_ids, _ in batch for i in sample_ids], dtype=torch.long)   # (total,)
    offsets = torch.cat([torch.zeros(1, dtype=torch.long), lengths.cumsum(0)])           # (B,)
    labels = torch.tensor([label for _, label in batch], dtype=torch.long)                    # (B,)
    return Bag(ids, offsets), labels
    ### END SOLUTION
''',
        "float_labels": r'''
def collate_bags(batch: list[tuple[list[int], int]]) -> tuple[Bag, torch.Tensor]:
    """B (ids, label) pairs -> (Bag(ids: (total,), offsets: (B,)), labels: (B,)), all int64."""
    ### BEGIN SOLUTION
    lengths = torch.tensor([len(ids) for ids, _ in batch], dtype=torch.long)                 # (B,)
    ids = torch.tensor([i for sample_ids, _ in batch for i in sample_ids], dtype=torch.long)   # (total,)
    offsets = torch.cat([torch.zeros(1, dtype=torch.long), lengths.cumsum(0)[:-1]])           # (B,)
    labels = torch.tensor([label for _, label in batch], dtype=torch.float32)                    # (B,)
    return Bag(ids, offsets), labels
    ### END SOLUTION
''',
    },
    "bag_of_embeddings": {
        "sum_pooling": r'''
class BagOfEmbeddings(nn.Module):
    """Mean of the word embeddings -> dropout -> linear. Bag of B sentences -> logits (B, num_classes)."""

    def __init__(self, vocab_size: int, embed_dim: int, num_classes: int = 2, dropout: float = 0.3):
        super().__init__()
        ### BEGIN SOLUTION
        self.embedding = nn.EmbeddingBag(vocab_size, embed_dim, mode="sum")
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(embed_dim, num_classes)
        ### END SOLUTION

    def forward(self, bag: Bag) -> torch.Tensor:
        ### BEGIN SOLUTION
        pooled = self.embedding(bag.ids, bag.offsets)          # (B, E): mean word vector per sentence
        return self.classifier(self.dropout(pooled))           # (B, num_classes)
        ### END SOLUTION
''',
        "max_pooling": r'''
class BagOfEmbeddings(nn.Module):
    """Mean of the word embeddings -> dropout -> linear. Bag of B sentences -> logits (B, num_classes)."""

    def __init__(self, vocab_size: int, embed_dim: int, num_classes: int = 2, dropout: float = 0.3):
        super().__init__()
        ### BEGIN SOLUTION
        self.embedding = nn.EmbeddingBag(vocab_size, embed_dim, mode="max")
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(embed_dim, num_classes)
        ### END SOLUTION

    def forward(self, bag: Bag) -> torch.Tensor:
        ### BEGIN SOLUTION
        pooled = self.embedding(bag.ids, bag.offsets)          # (B, E): mean word vector per sentence
        return self.classifier(self.dropout(pooled))           # (B, num_classes)
        ### END SOLUTION
''',
        "dropout_never_applied": r'''
class BagOfEmbeddings(nn.Module):
    """Mean of the word embeddings -> dropout -> linear. Bag of B sentences -> logits (B, num_classes)."""

    def __init__(self, vocab_size: int, embed_dim: int, num_classes: int = 2, dropout: float = 0.3):
        super().__init__()
        ### BEGIN SOLUTION
        self.embedding = nn.EmbeddingBag(vocab_size, embed_dim, mode="mean")
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(embed_dim, num_classes)
        ### END SOLUTION

    def forward(self, bag: Bag) -> torch.Tensor:
        ### BEGIN SOLUTION
        pooled = self.embedding(bag.ids, bag.offsets)          # (B, E): mean word vector per sentence
        return self.classifier(pooled)           # (B, num_classes)
        ### END SOLUTION
''',
        "returns_probabilities": r'''
class BagOfEmbeddings(nn.Module):
    """Mean of the word embeddings -> dropout -> linear. Bag of B sentences -> logits (B, num_classes)."""

    def __init__(self, vocab_size: int, embed_dim: int, num_classes: int = 2, dropout: float = 0.3):
        super().__init__()
        ### BEGIN SOLUTION
        self.embedding = nn.EmbeddingBag(vocab_size, embed_dim, mode="mean")
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(embed_dim, num_classes)
        ### END SOLUTION

    def forward(self, bag: Bag) -> torch.Tensor:
        ### BEGIN SOLUTION
        pooled = self.embedding(bag.ids, bag.offsets)          # (B, E): mean word vector per sentence
        return torch.softmax(self.classifier(self.dropout(pooled)), dim=1)           # (B, num_classes)
        ### END SOLUTION
''',
    },
    "predict_sentiment": {
        "probability_of_positive": r'''
LABELS = ("negative", "positive")            # class id -> name, as in the data set


def predict_sentiment(text: str, model: nn.Module, stoi: dict[str, int]) -> tuple[str, float]:
    """("negative" | "positive", P(that label | text)). Raises ValueError when text has no tokens."""
    ### BEGIN SOLUTION
    tokens = tokenize(text)
    if not tokens:
        raise ValueError(f"predict_sentiment: {text!r} has no words to classify.")
    bag, _ = collate_bags([(encode_tokens(tokens, stoi), 0)])
    model.eval()
    with torch.no_grad():
        probs = torch.softmax(model(bag.to(next(model.parameters()).device)), dim=1)[0]   # (2,)
    k = int(probs.argmax())
    return LABELS[k], float(probs[1])
    ### END SOLUTION
''',
        "no_eval_mode": r'''
LABELS = ("negative", "positive")            # class id -> name, as in the data set


def predict_sentiment(text: str, model: nn.Module, stoi: dict[str, int]) -> tuple[str, float]:
    """("negative" | "positive", P(that label | text)). Raises ValueError when text has no tokens."""
    ### BEGIN SOLUTION
    tokens = tokenize(text)
    if not tokens:
        raise ValueError(f"predict_sentiment: {text!r} has no words to classify.")
    bag, _ = collate_bags([(encode_tokens(tokens, stoi), 0)])
    with torch.no_grad():
        probs = torch.softmax(model(bag.to(next(model.parameters()).device)), dim=1)[0]   # (2,)
    k = int(probs.argmax())
    return LABELS[k], float(probs[k])
    ### END SOLUTION
''',
        "empty_text_not_rejected": r'''
LABELS = ("negative", "positive")            # class id -> name, as in the data set


def predict_sentiment(text: str, model: nn.Module, stoi: dict[str, int]) -> tuple[str, float]:
    """("negative" | "positive", P(that label | text)). Raises ValueError when text has no tokens."""
    ### BEGIN SOLUTION
    tokens = tokenize(text)
    bag, _ = collate_bags([(encode_tokens(tokens, stoi), 0)])
    model.eval()
    with torch.no_grad():
        probs = torch.softmax(model(bag.to(next(model.parameters()).device)), dim=1)[0]   # (2,)
    k = int(probs.argmax())
    return LABELS[k], float(probs[k])
    ### END SOLUTION
''',
        "sigmoid_not_softmax": r'''
LABELS = ("negative", "positive")            # class id -> name, as in the data set


def predict_sentiment(text: str, model: nn.Module, stoi: dict[str, int]) -> tuple[str, float]:
    """("negative" | "positive", P(that label | text)). Raises ValueError when text has no tokens."""
    ### BEGIN SOLUTION
    tokens = tokenize(text)
    if not tokens:
        raise ValueError(f"predict_sentiment: {text!r} has no words to classify.")
    bag, _ = collate_bags([(encode_tokens(tokens, stoi), 0)])
    model.eval()
    with torch.no_grad():
        probs = torch.sigmoid(model(bag.to(next(model.parameters()).device)))[0]   # (2,)
    k = int(probs.argmax())
    return LABELS[k], float(probs[k])
    ### END SOLUTION
''',
    },
}
