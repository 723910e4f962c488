"""aipath.training on a tiny separable problem: it learns, evaluates in eval mode, keeps history."""
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from aipath.seed import seed_everything
from aipath.training import evaluate, fit


def loaders():
    g = torch.Generator().manual_seed(0)
    X = torch.randn(512, 2, generator=g)
    y = (X[:, 0] + X[:, 1] > 0).long()
    data = TensorDataset(X, y)
    return DataLoader(data, batch_size=64, shuffle=True, generator=g), DataLoader(data, batch_size=128)


def test_fit_learns_and_records_history():
    seed_everything(0)
    train, val = loaders()
    model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 2))
    history = fit(model, train, val, nn.CrossEntropyLoss(), torch.optim.Adam(model.parameters(), lr=0.05),
                  num_epochs=5, show_progress=False)
    assert [len(v) for v in history.values()] == [5, 5, 5, 5]
    assert history["train_loss"][-1] < history["train_loss"][0] / 2
    assert history["val_accuracy"][-1] > 0.95


def test_evaluate_uses_eval_mode_without_gradients_and_restores_train_mode():
    seed_everything(0)
    _, val = loaders()
    model = nn.Sequential(nn.Linear(2, 2), nn.Dropout(p=0.9))
    model.train()
    a = evaluate(model, val, nn.CrossEntropyLoss())
    b = evaluate(model, val, nn.CrossEntropyLoss())
    assert a == b, "dropout must be off during evaluation (model.eval())"
    assert model.training, "evaluate must put the model back in training mode"
    assert all(p.grad is None for p in model.parameters())
