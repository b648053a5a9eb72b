# i18n-source: solutions/ch05.py sha=b6be3fa8ad29
"""笔记本 05（选择 lam）的参考解答。"""

import numpy as np


def fold_labels(order, n_folds):
    """像发牌一样分配打乱后的样本：样本 order[j] 进入第 j % n_folds 折。

    为什么：轮流发牌使得对任意 m，各折大小至多相差一；写成 labels[order] = ... 是给每个
    *样本*（而不是打乱顺序中的每个位置）打上标签。
    """
    labels = np.empty(len(order), dtype=int)
    labels[order] = np.arange(len(order)) % n_folds
    return labels


def one_se_lam(lams, mean, se):
    """平均交叉验证误差与最佳值相差不超过一个 SE（取最小值处的 SE）的最大 lam。

    为什么：曲线的最小值本身就有不确定性，大约是它自己的标准误 se[i_min]；误差落在这个
    范围内的每个 lam 都无法与最佳值区分开，其中最大的 lam 就是最简单的模型（惩罚最强）。
    阈值是一个数，即 mean[i_min] + se[i_min]，既不是 se.min()，也不是每个 lam 自己的 se。
    """
    best = np.argmin(mean)
    return float(lams[mean <= mean[best] + se[best]].max())


def loo_ridge(X, y, lam):
    """偏置不受惩罚的岭回归的精确留一 MSE，只需一次拟合。

    H = 11^T/m + Xc (Xc^T Xc + lam I)^-1 Xc^T，LOO = mean(((y - y_hat) / (1 - H_ii))^2)。

    为什么：岭回归的预测值关于 y 是线性的（y_hat = H y），而去掉样本 i 重新拟合，等同于把
    y_i 换成它自己的留一预测值后再拟合；解这个恒等式就得到残差 (y_i - y_hat_i) / (1 - H_ii)。
    偏置也要拟合，这给每个 H_ii 加上 1/m。在本课程的约定下 m 会相消：正规方程中用的是 lam，
    而不是 lam/m。y 的形状要保持为 (m,)：列向量 (m, 1) 会与杠杆值广播成一张 (m, m) 的表。
    """
    m, n = X.shape
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    A = Xc @ np.linalg.solve(Xc.T @ Xc + lam * np.eye(n), Xc.T)
    y_hat = y.mean() + A @ yc
    leverage = 1.0 / m + np.diag(A)
    return float(np.mean(((y - y_hat) / (1.0 - leverage)) ** 2))


def tuned_test_mse(X_train, y_train, X_test, y_test, lams, folds):
    """只在训练集上选择 lam，然后只报告一次测试误差：返回 (lam_min, 测试 MSE)。

    每一步的理由：
    - 每一个选择（这里是 lam，以及缩放器的均值和尺度）都只依据训练行做出。使测试误差最小
      的 lam 会让这个测试误差成为多次尝试中的最小值，因而是乐观的：它不再是对新数据上误差
      的估计。检查函数只改变 y_test（或只改变 X_test），看 lam 是否随之改变，以此识破这种做法。
    - 缩放器在每个训练折内部拟合，这样验证折就像将来的新数据一样没被见过（在 X_train 上
      拟合一次也可以接受：它从不看测试行）。在训练行和测试行合在一起的数据上拟合缩放器
      （“先标准化再划分”）会让测试行影响模型调参和拟合所用的特征。
    - 做出选择之后，在全部 X_train 上重新拟合模型（数据比任何一折都多），并用训练集的
      缩放器变换测试行：模型看待测试数据的方式必须与看待新数据的方式完全相同。
    """
    from helpers import Standardizer, ridge_closed_form

    lams = np.asarray(lams, dtype=float)
    cv = np.zeros(lams.size)
    for val in folds:                                     # 在训练集上做 K 折交叉验证
        fit = np.setdiff1d(np.arange(len(y_train)), val)
        scaler = Standardizer.fit(X_train[fit])           # 在该折内部学习
        Z_fit, Z_val = scaler.transform(X_train[fit]), scaler.transform(X_train[val])
        for k, lam in enumerate(lams):
            w, b = ridge_closed_form(Z_fit, y_train[fit], lam)
            cv[k] += np.mean((y_train[val] - Z_val @ w - b) ** 2) / len(folds)
    lam = float(lams[np.argmin(cv)])                      # lam_min；测试集没有参与
    scaler = Standardizer.fit(X_train)                    # 在整个训练集上重新拟合
    w, b = ridge_closed_form(scaler.transform(X_train), y_train, lam)
    test_mse = float(np.mean((y_test - scaler.transform(X_test) @ w - b) ** 2))   # 只用一次
    return lam, test_mse
