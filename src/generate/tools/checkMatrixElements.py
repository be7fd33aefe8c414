#!/usr/bin/env python3
"""Independent check of the derived |M|^2: explicit 4x4 Dirac matrices (numpy), random and fixed
configurations; prints both numbers side by side and the fixed configuration used in
src/generate/mumuXMatrixElement.test.ts. Run deriveMatrixElements.py first (it writes the pickle)."""
import pickle, numpy as np, sympy as sp, math
from sympy import *
d = pickle.load(open('/tmp/mumux-me.pkl','rb'))
m,M,s,s1,s2,u1,u2 = sp.symbols("m M s s1 s2 u1 u2")
def comb(parts):
    D1=s1-m**2; D2=s2-m**2
    return parts["11"]/D1**2+(parts["12"]+parts["21"])/(D1*D2)+parts["22"]/D2**2
vec = comb({k:eval(v) for k,v in d['vector'].items()})
sca = comb({k:eval(v) for k,v in d['scalar'].items()})
fv = sp.lambdify((m,M,s,s1,s2,u1,u2), vec); fs = sp.lambdify((m,M,s,s1,s2,u1,u2), sca)
# Dirac matrices (Dirac rep)
I2=np.eye(2); Z2=np.zeros((2,2))
sx=np.array([[0,1],[1,0]],complex); sy=np.array([[0,-1j],[1j,0]]); sz=np.array([[1,0],[0,-1]],complex)
g0=np.block([[I2,Z2],[Z2,-I2]]).astype(complex)
gs=[np.block([[Z2,si],[-si,Z2]]) for si in (sx,sy,sz)]
gam=[g0]+gs
eta=np.diag([1,-1,-1,-1.])
def sl(p): return sum(eta[mu,mu]*p[mu]*gam[mu] for mu in range(4))
def dotp(a,b): return a[0]*b[0]-a[1]*b[1]-a[2]*b[2]-a[3]*b[3]
rng=np.random.default_rng(1)
def config(mm,MM,rs):
    # random 3-body config in c.m.: sample s1 and decay angles
    while True:
        E=rs/2
        # sample X energy
        Eq=rng.uniform(MM,rs/2)
        pq=math.sqrt(Eq**2-MM**2)
        # remaining system mass
        m12sq=(rs-Eq)**2-pq**2
        if m12sq<4*mm*mm: continue
        dirq=rng.normal(size=3); dirq/=np.linalg.norm(dirq)
        q=np.array([Eq,*(pq*dirq)])
        P12=np.array([rs-Eq,*(-pq*dirq)])
        m12=math.sqrt(m12sq); pst=math.sqrt(m12sq/4-mm*mm)
        dd=rng.normal(size=3); dd/=np.linalg.norm(dd)
        k1r=np.array([m12/2,*(pst*dd)]); 
        # boost to lab
        b=P12[1:]/P12[0]; g=P12[0]/m12
        def boost(p):
            bp=b@p[1:]; b2=b@b
            E2=g*(p[0]+bp); pv=p[1:]+((g-1)*bp/b2+g*p[0])*b
            return np.array([E2,*pv])
        k1=boost(k1r); k2=P12-k1
        return k1,k2,q
me=0.1056583755
for (mm,MM) in [(me,0.5),(me,0.01),(me,3.0),(0.3,1.7)]:
    rs=10.58; S=rs*rs
    p1=np.array([rs/2,0,0,rs/2]); p2=np.array([rs/2,0,0,-rs/2])
    # rotate beam randomly to test angular dependence
    k1,k2,q=config(mm,MM,rs)
    one=np.eye(4)
    S1=(sl(k1+q)+mm*one)/(dotp(k1+q,k1+q)-mm*mm)
    S2=(-sl(k2+q)+mm*one)/(dotp(k2+q,k2+q)-mm*mm)
    L=np.array([[np.trace(sl(p2)@gam[a]@sl(p1)@gam[b]) for b in range(4)] for a in range(4)])
    # vector: sum over pol with -g
    tot=0
    for al in range(4):
        O=[gam[al]@S1@gam[n]+gam[n]@S2@gam[al] for n in range(4)]
        Ob=[gam[n]@S1@gam[al]+gam[al]@S2@gam[n] for n in range(4)]
        for n in range(4):
            for n2 in range(4):
                H=np.trace((sl(k1)+mm*one)@O[n]@(sl(k2)-mm*one)@Ob[n2])
                tot+= -eta[al,al]*eta[n,n]*eta[n2,n2]*L[n,n2]*H
    tots=0
    O=[S1@gam[n]+gam[n]@S2 for n in range(4)]; Ob=[gam[n]@S1+S2@gam[n] for n in range(4)]
    for n in range(4):
        for n2 in range(4):
            H=np.trace((sl(k1)+mm*one)@O[n]@(sl(k2)-mm*one)@Ob[n2])
            tots+=eta[n,n]*eta[n2,n2]*L[n,n2]*H
    args=(mm,MM,S,dotp(k1+q,k1+q),dotp(k2+q,k2+q),dotp(p1,k1),dotp(p1,k2))
    print(mm,MM,"vector",tot.real,fv(*args),"scalar",tots.real,fs(*args))

print("---- fixed config for TS test")
rng=np.random.default_rng(7)
mm=me; MM=0.5; rs=10.58; S=rs*rs
k1,k2,q=config(mm,MM,rs)
# tilt the beam: rotate event instead; keep beam along z
p1=np.array([rs/2,0,0,rs/2]); p2=np.array([rs/2,0,0,-rs/2])
one=np.eye(4)
S1=(sl(k1+q)+mm*one)/(dotp(k1+q,k1+q)-mm*mm)
S2=(-sl(k2+q)+mm*one)/(dotp(k2+q,k2+q)-mm*mm)
L=np.array([[np.trace(sl(p2)@gam[a]@sl(p1)@gam[b]) for b in range(4)] for a in range(4)])
def Pten():
    P=np.zeros((4,4),complex)
    for a in range(4):
        for b in range(4):
            tot=0
            for n in range(4):
                for n2 in range(4):
                    O=gam[a]@S1@gam[n]+gam[n]@S2@gam[a]
                    Ob=gam[n2]@S1@gam[b]+gam[b]@S2@gam[n2]
                    tot+=eta[n,n]*eta[n2,n2]*L[n,n2]*np.trace((sl(k1)+mm*one)@O@(sl(k2)-mm*one)@Ob)
            P[a,b]=tot
    return P
P=Pten()
Tvec=sum(-eta[a,a]*P[a,a] for a in range(4)).real
# decay momenta: X -> k3 k4, pick direction in X rest frame
pst=math.sqrt(MM**2/4-mm**2); n=np.array([0.3,-0.5,0.8]); n/=np.linalg.norm(n)
k3r=np.array([MM/2,*(pst*n)]); 
b=q[1:]/q[0]; g=q[0]/MM
def boost(p):
    bp=b@p[1:]; b2=b@b
    return np.array([g*(p[0]+bp),*(p[1:]+((g-1)*bp/b2+g*p[0])*b)])
k3=boost(k3r); k4=q-k3
A=eta@k3; B=eta@k4
PAB=(A@P@B).real
np.set_printoptions(precision=17)
print("k1",repr(k1.tolist())); print("k2",repr(k2.tolist())); print("q",repr(q.tolist())); print("k3",repr(k3.tolist()))
print("Tvec",repr(Tvec),"PAB",repr(PAB))
# scalar T
tots=0
O=[S1@gam[n]+gam[n]@S2 for n in range(4)]; Ob=[gam[n]@S1+S2@gam[n] for n in range(4)]
for n_ in range(4):
    for n2 in range(4):
        tots+=eta[n_,n_]*eta[n2,n2]*L[n_,n2]*np.trace((sl(k1)+mm*one)@O[n_]@(sl(k2)-mm*one)@Ob[n2])
print("Tsca",repr(tots.real))
