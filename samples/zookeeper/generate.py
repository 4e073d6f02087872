# Writes samples/zookeeper/ (python3 samples/zookeeper/generate.py samples/zookeeper).
# Each incident is told from the reference formats (shared/reference/
# zookeeper-openio-formats.md §A) and, for newleader-ack-order, the seed trace
# (S0, S1, S2 = myid 1, 2, 3). Lines are not copied from any real log.
import os, sys
ROOT = sys.argv[1]
QP = "QuorumPeer[myid={m}](plain=[0:0:0:0:0:0:0:0]:2181)(secure=disabled)"
IP = {1: "10.0.0.1", 2: "10.0.0.2", 3: "10.0.0.3"}

class Log:
    def __init__(self):
        self.lines = {1: [], 2: [], 3: []}
    def add(self, m, ts, lvl, thread, loc, msg, extra=()):
        self.lines[m].append(f"{ts} [myid:{m}] - {lvl:<5} [{thread}:{loc}] - {msg}")
        self.lines[m].extend(extra)
    def qp(self, m, ts, lvl, loc, msg, extra=()):
        self.add(m, ts, lvl, QP.format(m=m), loc, msg, extra)
    def write(self, name, servers=(1, 2, 3)):
        for m in servers:
            d = os.path.join(ROOT, name, f"zk{m}")
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, "zookeeper.log"), "w") as f:
                f.write("\n".join(self.lines[m]) + "\n")

def start(L, m, ts, version):
    L.qp(m, ts, "INFO", "Environment@98", f"Server environment:zookeeper.version={version}-{'7a06a0c8e1a6f4d6c1f8b1e2b8b33d4f9a1f3d21'[:40]}, built on 2023-01-25 08:28 UTC")

def elect(L, ts, m, zxid, leader, state):
    L.qp(m, ts, "INFO", "QuorumPeer@1487", "LOOKING")
    L.qp(m, ts.replace(",0", ",1", 1), "INFO", "FastLeaderElection@945", f"New election. My id = {m}, proposed zxid=0x{zxid:x}")
    L.qp(m, ts.replace(",0", ",5", 1), "INFO", f"QuorumPeer@{1549 if state=='FOLLOWING' else 1613}", state)

# ---- 1. the seed's trace: NEWLEADER ACK order (3.8.1) --------------------------------------
L = Log()
for m in (1, 2, 3):
    start(L, m, "2023-04-03 11:19:50,000", "3.8.1")
# epoch 1: myid 3 leads; txn <1,1> = 0x100000001 proposed, myid 1 restarts and myid 2 crashes before getting it
L.qp(3, "2023-04-03 11:19:55,020", "INFO", "Leader@1321", "Have quorum of supporters, sids: [ [1, 2, 3],[1, 2, 3] ]; starting up and setting last processed zxid: 0x100000000")
L.qp(1, "2023-04-03 11:20:00,300", "INFO", "QuorumPeer@1487", "LOOKING")
L.qp(1, "2023-04-03 11:20:00,301", "INFO", "FastLeaderElection@945", "New election. My id = 1, proposed zxid=0x100000000")
L.add(3, "2023-04-03 11:20:00,310", "WARN", "RecvWorker:2", "QuorumCnxManager$RecvWorker@1395", "Connection broken for id 2, my id = 3", ["java.io.EOFException", "\tat java.base/java.io.DataInputStream.readInt(DataInputStream.java:397)"])
L.qp(3, "2023-04-03 11:20:00,400", "WARN", "Leader@1486", "Shutdown called. For the reason Not sufficient followers synced, only synced with sids: [ 3 ]")
L.qp(3, "2023-04-03 11:20:00,500", "INFO", "QuorumPeer@1487", "LOOKING")
L.qp(3, "2023-04-03 11:20:00,501", "INFO", "FastLeaderElection@945", "New election. My id = 3, proposed zxid=0x100000001")
for rnd, base in enumerate(("11:20:01", "11:20:24", "11:20:47")):
    t = lambda s: f"2023-04-03 {base[:6]}{int(base[6:])+s:02d}"
    L.qp(1, t(0) + ",200", "INFO", "QuorumPeer@1549", "FOLLOWING")
    L.qp(1, t(0) + ",210", "INFO", "Follower@75", f"FOLLOWING - LEADER ELECTION TOOK - {200 + rnd} MS")
    L.qp(3, t(0) + ",200", "INFO", "QuorumPeer@1613", "LEADING")
    L.qp(3, t(0) + ",210", "INFO", "Leader@637", f"LEADING - LEADER ELECTION TOOK - {200 + rnd} MS")
    lh = f"LearnerHandler-/{IP[1]}:5123{rnd}"
    L.add(3, t(0) + ",400", "INFO", lh, "LearnerHandler@512", f"Synchronizing with Learner sid: 1 maxCommittedLog=0x100000001 minCommittedLog=0x100000001 lastProcessedZxid=0x100000001 peerLastZxid=0x100000000")
    L.add(3, t(0) + ",401", "INFO", lh, "LearnerHandler@773", "Sending DIFF zxid=0x100000001  for peer sid: 1")
    L.qp(1, t(0) + ",420", "INFO", "Learner@569", "Getting a diff from the leader 0x100000001")
    L.qp(1, t(0) + ",430", "INFO", "Learner@718", "Learner received NEWLEADER message")
    last = rnd == 2
    if not last:
        # the follower's SyncThread ACKs proposal 0x100000001 before its QuorumPeer thread ACKs NEWLEADER
        L.add(3, t(0) + ",455", "ERROR", lh, "Leader@1494", "NEWLEADER ACK from sid: 1 is from a different epoch - current 0x200000000 received 0x100000001")
        L.qp(3, t(20) + ",460", "WARN", "Leader@635", "Enough followers present. Perhaps the initTicks need to be increased.")
        L.qp(3, t(20) + ",461", "INFO", "Leader@1486", "Shutdown called. For the reason Waiting for a quorum of followers, only synced with sids: [ 3 ]")
        L.add(3, t(20) + ",470", "ERROR", lh, "LearnerHandler@714", "Unexpected exception in LearnerHandler.", ["java.lang.InterruptedException: Timeout while waiting for NEWLEADER to be acked by quorum", "\tat org.apache.zookeeper.server.quorum.Leader.waitForNewLeaderAck(Leader.java:1545)", "\tat org.apache.zookeeper.server.quorum.LearnerHandler.run(LearnerHandler.java:680)"])
        L.add(3, t(20) + ",471", "WARN", lh, "LearnerHandler@725", f"******* GOODBYE /{IP[1]}:5123{rnd} ********")
        L.qp(1, t(20) + ",480", "WARN", "Follower@129", "Exception when following the leader", ["java.io.EOFException", "\tat java.base/java.io.DataInputStream.readInt(DataInputStream.java:397)"])
        L.qp(1, t(20) + ",481", "INFO", "Follower@141", f"Disconnected from leader (with address: /{IP[3]}:2888). Was connected for 20261ms. Sync state: false")
        for m in (3, 1):
            L.qp(m, t(22) + ",000", "INFO", "QuorumPeer@1487", "LOOKING")
            L.qp(m, t(22) + ",001", "INFO", "FastLeaderElection@945", f"New election. My id = {m}, proposed zxid=0x{0x100000001 if m == 3 else 0x100000000:x}")
    else:
        L.add(3, t(0) + ",455", "INFO", lh, "LearnerHandler@800", "Received NEWLEADER-ACK message from 1")
        L.qp(3, t(0) + ",460", "INFO", "Leader@1321", "Have quorum of supporters, sids: [ [1, 3],[1, 3] ]; starting up and setting last processed zxid: 0x200000000")
        L.qp(1, t(0) + ",470", "INFO", "Learner@734", "Learner received UPTODATE message")
L.qp(3, "2023-04-03 11:22:30,000", "INFO", "SyncRequestProcessor@181", "Creating new log file: log.200000001")
L.qp(1, "2023-04-03 11:22:30,010", "INFO", "SyncRequestProcessor@181", "Creating new log file: log.200000001")
L.write("newleader-ack-order", servers=(1, 3))
# myid 2 crashed: its log ends before the incident
L2 = Log(); start(L2, 2, "2023-04-03 11:19:50,000", "3.8.1")
L2.qp(2, "2023-04-03 11:19:55,030", "INFO", "QuorumPeer@1549", "FOLLOWING")
L2.qp(2, "2023-04-03 11:19:55,040", "INFO", "Learner@569", "Getting a diff from the leader 0x100000000")
L2.write("newleader-ack-order", servers=(2,))

# ---- 2. quorum lost: sync of a big snapshot exceeds initLimit (3.4.14, the MRS case) ------------
L = Log()
for m in (1, 2, 3):
    L.add(m, "2016-06-23 07:30:00,000", "INFO", f"QuorumPeer[myid={m}]/0.0.0.0:2181", "Environment@100", "Server environment:zookeeper.version=3.4.14-4c25d480e66aadd371de8bd2fd8da255ac140bcf, built on 03/06/2019 16:18 GMT")
for m, st in ((1, "FOLLOWING"), (2, "FOLLOWING"), (3, "LEADING")):
    L.add(m, "2016-06-23 07:30:37,400", "INFO", f"QuorumPeer[myid={m}]/0.0.0.0:2181", "QuorumPeer@856", st)
L.add(3, "2016-06-23 07:30:57,481", "WARN", "QuorumPeer[myid=3]/0.0.0.0:2181", "QuorumPeer@869", "Unexpected exception", ["java.lang.InterruptedException: Timeout while waiting for epoch to be acked by quorum", "\tat org.apache.zookeeper.server.quorum.Leader.waitForEpochAck(Leader.java:1221)", "\tat org.apache.zookeeper.server.quorum.Leader.lead(Leader.java:487)"])
L.add(3, "2016-06-23 07:30:57,482", "INFO", "QuorumPeer[myid=3]/0.0.0.0:2181", "Leader@623", "Shutdown called", ["java.lang.Exception: shutdown Leader! reason: Forcing shutdown", "\tat org.apache.zookeeper.server.quorum.Leader.shutdown(Leader.java:623)"])
for m in (1, 2):
    L.add(m, "2016-06-23 07:30:57,500", "WARN", f"QuorumPeer[myid={m}]/0.0.0.0:2181", "Follower@89", "Exception when following the leader", ["java.net.SocketTimeoutException: Read timed out", "\tat java.net.SocketInputStream.socketRead0(Native Method)"])
for m in (1, 2, 3):
    L.add(m, "2016-06-23 07:30:57,600", "INFO", f"QuorumPeer[myid={m}]/0.0.0.0:2181", "QuorumPeer@856", "LOOKING")
for m, st in ((1, "FOLLOWING"), (2, "FOLLOWING"), (3, "LEADING")):
    L.add(m, "2016-06-23 07:30:58,100", "INFO", f"QuorumPeer[myid={m}]/0.0.0.0:2181", "QuorumPeer@856", st)
L.add(3, "2016-06-23 07:31:02,000", "INFO", "QuorumPeer[myid=3]/0.0.0.0:2181", "Leader@961", "Have quorum of supporters, sids: [ 1,2,3 ]; starting up and setting last processed zxid: 0x2200000000")
for m in (1, 2, 3):
    L.add(m, "2016-06-23 07:40:00,000", "INFO", f"SessionTracker", "ZooKeeperServer@355", "Expiring session 0x155d1a0c2a70000, timeout of 30000ms exceeded" if m == 3 else "Processed session termination for sessionid: 0x155d1a0c2a70000")
L.write("quorum-lost")

# ---- 3. election storm: followers drop out again and again (3.6.3, no leader for minutes) ----
L = Log()
for m in (1, 2, 3):
    start(L, m, "2022-02-10 09:00:00,000", "3.6.3")
sec = 0
for rnd in range(6):
    base = 5 + rnd * 25
    hh = lambda s: f"2022-02-10 09:{(base + s) // 60:02d}:{(base + s) % 60:02d}"
    for m in (1, 2, 3):
        L.qp(m, hh(0) + ",000", "INFO", "QuorumPeer@1487", "LOOKING")
        L.qp(m, hh(0) + ",001", "INFO", "FastLeaderElection@945", f"New election. My id = {m}, proposed zxid=0x{0x300000005 + rnd:x}")
    L.qp(2, hh(4) + ",000", "INFO", "QuorumPeer@1613", "LEADING")
    for m in (1, 3):
        L.qp(m, hh(4) + ",000", "INFO", "QuorumPeer@1549", "FOLLOWING")
    L.qp(2, hh(6) + ",000", "INFO", "Leader@1321", "Have quorum of supporters, sids: [ [1, 2, 3],[1, 2, 3] ]; starting up and setting last processed zxid: 0x{:x}".format((0x4 + rnd) << 32))
    for m in (1, 3):
        L.add(m, hh(18) + ",000", "WARN", f"RecvWorker:2", "QuorumCnxManager$RecvWorker@1395", "Connection broken for id 2, my id = %d" % m, ["java.net.SocketTimeoutException: Read timed out"])
        L.qp(m, hh(18) + ",100", "WARN", "Follower@129", "Exception when following the leader", ["java.net.SocketTimeoutException: Read timed out"])
    L.qp(2, hh(19) + ",000", "INFO", "Leader@1486", "Shutdown called. For the reason Not sufficient followers synced, only synced with sids: [ 2 ]")
L.write("election-storm")

# ---- 4. truncated committed txns (3.7.1, ZOOKEEPER-4643 class) -----------------------------
L = Log()
for m in (1, 2, 3):
    start(L, m, "2023-06-01 14:00:00,000", "3.7.1")
L.qp(2, "2023-06-01 14:00:05,000", "INFO", "QuorumPeer@1613", "LEADING")
L.add(2, "2023-06-01 14:00:05,400", "INFO", f"LearnerHandler-/{IP[1]}:40001", "LearnerHandler@512", "Synchronizing with Learner sid: 1 maxCommittedLog=0x500000009 minCommittedLog=0x500000001 lastProcessedZxid=0x500000009 peerLastZxid=0x500000009")
L.add(2, "2023-06-01 14:00:05,401", "INFO", f"LearnerHandler-/{IP[1]}:40001", "LearnerHandler@745", "leader and follower are in sync, zxid=0x500000009")
L.qp(2, "2023-06-01 14:00:05,600", "INFO", "Leader@1321", "Have quorum of supporters, sids: [ [1, 2],[1, 2] ]; starting up and setting last processed zxid: 0x600000000")
# myid 2 and 1 crash right after updating currentEpoch; myid 3, behind, wins
for m in (1, 3):
    L.qp(m, "2023-06-01 14:05:00,000", "INFO", "QuorumPeer@1487", "LOOKING")
L.qp(3, "2023-06-01 14:05:00,001", "INFO", "FastLeaderElection@945", "New election. My id = 3, proposed zxid=0x500000004")
L.qp(1, "2023-06-01 14:05:00,001", "INFO", "FastLeaderElection@945", "New election. My id = 1, proposed zxid=0x500000009")
L.qp(3, "2023-06-01 14:05:00,400", "INFO", "QuorumPeer@1613", "LEADING")
L.qp(1, "2023-06-01 14:05:00,400", "INFO", "QuorumPeer@1549", "FOLLOWING")
L.add(3, "2023-06-01 14:05:00,600", "INFO", f"LearnerHandler-/{IP[1]}:40002", "LearnerHandler@512", "Synchronizing with Learner sid: 1 maxCommittedLog=0x500000004 minCommittedLog=0x500000001 lastProcessedZxid=0x500000004 peerLastZxid=0x500000009")
L.add(3, "2023-06-01 14:05:00,601", "INFO", f"LearnerHandler-/{IP[1]}:40002", "LearnerHandler@773", "Sending TRUNC zxid=0x500000004  for peer sid: 1")
L.qp(1, "2023-06-01 14:05:00,650", "WARN", "Learner@624", "Truncating log to get in sync with the leader 0x500000004")
L.qp(3, "2023-06-01 14:05:01,000", "INFO", "Leader@1321", "Have quorum of supporters, sids: [ [1, 3],[1, 3] ]; starting up and setting last processed zxid: 0x700000000")
L.write("truncated-committed")

# ---- 5. healthy: one election, stable leader (3.9.2 with the 4785 fix) --------------------
L = Log()
for m in (1, 2, 3):
    start(L, m, "2024-03-01 09:00:00,000", "3.9.2")
    L.qp(m, "2024-03-01 09:00:01,000", "INFO", "QuorumPeer@1487", "LOOKING")
    L.qp(m, "2024-03-01 09:00:01,001", "INFO", "FastLeaderElection@945", f"New election. My id = {m}, proposed zxid=0x100000007")
L.qp(3, "2024-03-01 09:00:01,300", "INFO", "QuorumPeer@1613", "LEADING")
for m in (1, 2):
    L.qp(m, "2024-03-01 09:00:01,300", "INFO", "QuorumPeer@1549", "FOLLOWING")
    L.add(3, "2024-03-01 09:00:01,500", "INFO", f"LearnerHandler-/{IP[m]}:4000{m}", "LearnerHandler@512", f"Synchronizing with Learner sid: {m} maxCommittedLog=0x100000007 minCommittedLog=0x100000001 lastProcessedZxid=0x100000007 peerLastZxid=0x100000007")
    L.qp(m, "2024-03-01 09:00:01,600", "INFO", "Learner@830", "Sent NEWLEADER ack to leader with zxid 200000000")
L.qp(3, "2024-03-01 09:00:01,700", "INFO", "Leader@1321", "Have quorum of supporters, sids: [ [1, 2, 3],[1, 2, 3] ]; starting up and setting last processed zxid: 0x200000000")
for m in (1, 2, 3):
    L.qp(m, "2024-03-01 09:30:00,000", "INFO", "SyncRequestProcessor@181", "Creating new log file: log.200000001")
L.write("healthy")
