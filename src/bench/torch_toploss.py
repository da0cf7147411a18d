# Reference for the top-loss figure in the README: the pytorch/examples mnist/main.py net, one epoch (batch 64,
# Adadelta lr 1.0) on MNIST with the 100 labels of data/mnist_png_mislabelled.truth.csv flipped, then the share of
# flips among the 100 training images of highest loss. Run from the project root: /usr/bin/python3 src/bench/torch_toploss.py [seed]
import gzip, csv, sys, numpy as np, torch, torch.nn as nn, torch.nn.functional as F
torch.manual_seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1); torch.set_num_threads(2)
def idx(p):
    with gzip.open(p) as f: d = f.read()
    n = int.from_bytes(d[4:8], 'big')
    return np.frombuffer(d, np.uint8, offset=16 if d[3] == 3 else 8).reshape((n, 28, 28) if d[3] == 3 else (n,))
x = idx('data/mnist/train-images-idx3-ubyte.gz'); y = idx('data/mnist/train-labels-idx1-ubyte.gz').copy()
xt = idx('data/mnist/t10k-images-idx3-ubyte.gz'); yt = idx('data/mnist/t10k-labels-idx1-ubyte.gz')
flips = {}
for r in csv.DictReader(open('data/mnist_png_mislabelled.truth.csv')): y[int(r['index'])] = int(r['given']); flips[int(r['index'])] = 1
X = ((torch.tensor(x, dtype=torch.float32) / 255 - 0.1307) / 0.3081).unsqueeze(1); Y = torch.tensor(y, dtype=torch.long)
XT = ((torch.tensor(xt, dtype=torch.float32) / 255 - 0.1307) / 0.3081).unsqueeze(1); YT = torch.tensor(yt, dtype=torch.long)
class Net(nn.Module):
    def __init__(s):
        super().__init__(); s.conv1 = nn.Conv2d(1, 32, 3, 1); s.conv2 = nn.Conv2d(32, 64, 3, 1)
        s.d1 = nn.Dropout(0.25); s.d2 = nn.Dropout(0.5); s.fc1 = nn.Linear(9216, 128); s.fc2 = nn.Linear(128, 10)
    def forward(s, x):
        x = F.relu(s.conv1(x)); x = F.relu(s.conv2(x)); x = F.max_pool2d(x, 2); x = s.d1(x); x = torch.flatten(x, 1)
        x = F.relu(s.fc1(x)); x = s.d2(x); return F.log_softmax(s.fc2(x), dim=1)
m = Net(); opt = torch.optim.Adadelta(m.parameters(), lr=1.0); m.train()
perm = torch.randperm(60000)
for b in range(0, 60000, 64):
    i = perm[b:b+64]; opt.zero_grad(); loss = F.nll_loss(m(X[i]), Y[i]); loss.backward(); opt.step()
m.eval()
with torch.no_grad():
    losses = torch.cat([F.nll_loss(m(X[b:b+1000]), Y[b:b+1000], reduction='none') for b in range(0, 60000, 1000)])
    acc = sum((m(XT[b:b+1000]).argmax(1) == YT[b:b+1000]).sum().item() for b in range(0, 10000, 1000)) / 10000
top = torch.argsort(losses, descending=True)[:100].tolist()
print(f"pytorch mnist-net 1 epoch: test acc {acc:.4f}, recall@100 {sum(1 for i in top if i in flips)/100:.2f}")
