"""Emoji as X counts them: the emoji of Unicode's emoji-test.txt 12.0, outside its
"Component" group, which is the list twitter-text v3 weighs as 2 per emoji.

``SINGLE_RANGES``: code points that are an emoji on their own. ``sequences()``: the
2563 multi-code-point emoji (ZWJ sequences, skin tones, flags, keycaps, text-style
characters with VS16), stored compressed (zlib, base85) as one line of hex code points each.
"""

from __future__ import annotations

import base64
import zlib
from functools import cache

SINGLE_RANGES: tuple[tuple[int, int], ...] = (
    (0xA9, 0xA9),
    (0xAE, 0xAE),
    (0x203C, 0x203C),
    (0x2049, 0x2049),
    (0x2122, 0x2122),
    (0x2139, 0x2139),
    (0x2194, 0x2199),
    (0x21A9, 0x21AA),
    (0x231A, 0x231B),
    (0x2328, 0x2328),
    (0x23CF, 0x23CF),
    (0x23E9, 0x23F3),
    (0x23F8, 0x23FA),
    (0x24C2, 0x24C2),
    (0x25AA, 0x25AB),
    (0x25B6, 0x25B6),
    (0x25C0, 0x25C0),
    (0x25FB, 0x25FE),
    (0x2600, 0x2604),
    (0x260E, 0x260E),
    (0x2611, 0x2611),
    (0x2614, 0x2615),
    (0x2618, 0x2618),
    (0x261D, 0x261D),
    (0x2620, 0x2620),
    (0x2622, 0x2623),
    (0x2626, 0x2626),
    (0x262A, 0x262A),
    (0x262E, 0x262F),
    (0x2638, 0x263A),
    (0x2640, 0x2640),
    (0x2642, 0x2642),
    (0x2648, 0x2653),
    (0x265F, 0x2660),
    (0x2663, 0x2663),
    (0x2665, 0x2666),
    (0x2668, 0x2668),
    (0x267B, 0x267B),
    (0x267E, 0x267F),
    (0x2692, 0x2697),
    (0x2699, 0x2699),
    (0x269B, 0x269C),
    (0x26A0, 0x26A1),
    (0x26AA, 0x26AB),
    (0x26B0, 0x26B1),
    (0x26BD, 0x26BE),
    (0x26C4, 0x26C5),
    (0x26C8, 0x26C8),
    (0x26CE, 0x26CF),
    (0x26D1, 0x26D1),
    (0x26D3, 0x26D4),
    (0x26E9, 0x26EA),
    (0x26F0, 0x26F5),
    (0x26F7, 0x26FA),
    (0x26FD, 0x26FD),
    (0x2702, 0x2702),
    (0x2705, 0x2705),
    (0x2708, 0x270D),
    (0x270F, 0x270F),
    (0x2712, 0x2712),
    (0x2714, 0x2714),
    (0x2716, 0x2716),
    (0x271D, 0x271D),
    (0x2721, 0x2721),
    (0x2728, 0x2728),
    (0x2733, 0x2734),
    (0x2744, 0x2744),
    (0x2747, 0x2747),
    (0x274C, 0x274C),
    (0x274E, 0x274E),
    (0x2753, 0x2755),
    (0x2757, 0x2757),
    (0x2763, 0x2764),
    (0x2795, 0x2797),
    (0x27A1, 0x27A1),
    (0x27B0, 0x27B0),
    (0x27BF, 0x27BF),
    (0x2934, 0x2935),
    (0x2B05, 0x2B07),
    (0x2B1B, 0x2B1C),
    (0x2B50, 0x2B50),
    (0x2B55, 0x2B55),
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0x3297, 0x3297),
    (0x3299, 0x3299),
    (0x1F004, 0x1F004),
    (0x1F0CF, 0x1F0CF),
    (0x1F170, 0x1F171),
    (0x1F17E, 0x1F17F),
    (0x1F18E, 0x1F18E),
    (0x1F191, 0x1F19A),
    (0x1F201, 0x1F202),
    (0x1F21A, 0x1F21A),
    (0x1F22F, 0x1F22F),
    (0x1F232, 0x1F23A),
    (0x1F250, 0x1F251),
    (0x1F300, 0x1F321),
    (0x1F324, 0x1F393),
    (0x1F396, 0x1F397),
    (0x1F399, 0x1F39B),
    (0x1F39E, 0x1F3F0),
    (0x1F3F3, 0x1F3F5),
    (0x1F3F7, 0x1F3FA),
    (0x1F400, 0x1F4FD),
    (0x1F4FF, 0x1F53D),
    (0x1F549, 0x1F54E),
    (0x1F550, 0x1F567),
    (0x1F56F, 0x1F570),
    (0x1F573, 0x1F57A),
    (0x1F587, 0x1F587),
    (0x1F58A, 0x1F58D),
    (0x1F590, 0x1F590),
    (0x1F595, 0x1F596),
    (0x1F5A4, 0x1F5A5),
    (0x1F5A8, 0x1F5A8),
    (0x1F5B1, 0x1F5B2),
    (0x1F5BC, 0x1F5BC),
    (0x1F5C2, 0x1F5C4),
    (0x1F5D1, 0x1F5D3),
    (0x1F5DC, 0x1F5DE),
    (0x1F5E1, 0x1F5E1),
    (0x1F5E3, 0x1F5E3),
    (0x1F5E8, 0x1F5E8),
    (0x1F5EF, 0x1F5EF),
    (0x1F5F3, 0x1F5F3),
    (0x1F5FA, 0x1F64F),
    (0x1F680, 0x1F6C5),
    (0x1F6CB, 0x1F6D2),
    (0x1F6D5, 0x1F6D5),
    (0x1F6E0, 0x1F6E5),
    (0x1F6E9, 0x1F6E9),
    (0x1F6EB, 0x1F6EC),
    (0x1F6F0, 0x1F6F0),
    (0x1F6F3, 0x1F6FA),
    (0x1F7E0, 0x1F7EB),
    (0x1F90D, 0x1F93A),
    (0x1F93C, 0x1F945),
    (0x1F947, 0x1F971),
    (0x1F973, 0x1F976),
    (0x1F97A, 0x1F9A2),
    (0x1F9A5, 0x1F9AA),
    (0x1F9AE, 0x1F9AF),
    (0x1F9B4, 0x1F9CA),
    (0x1F9CD, 0x1F9FF),
    (0x1FA70, 0x1FA73),
    (0x1FA78, 0x1FA7A),
    (0x1FA80, 0x1FA82),
    (0x1FA90, 0x1FA95),
)

_SEQUENCES = (
    "c-oC!OPcFAubbah{7Xpukfovd(EgWnyQ>llk%8(=&W9tLfNX&YLpiC(V_E;VJaYZN$G@oOqhJ3$0pWr50qEnv6VS(j1<"
    "=QV70}0l4baDd9ni;t0_fww0qEmE1@v*C0m1|4?|=VA`HP<Yc{~Pu4hSdo3ugJ>zyDUi4e$xr06X9uxIY0efH%Me@BtX"
    "+&|wZ8=Fma62jJgpIez9-03U!G;1jR`cEABR0fW}-dJnkXU%Ud|0K?om%<XmU2VDCvhPic^TZj3)uD!ywS6I^u*IwazD"
    "_n1d>#cCTKe#^tKLIa*SHK(K9q<A81Pt@(FrN<d={TR?>us=(4X&lZ8a0@IgE=>tX9La??%@gd@C2<Bv`)BhCtTwRYkI"
    "<(o^b63_t{|126Hx;v%#DVv>fK_;CY92cbLC}2OO@&;aVK#=CJM#^Kn>rhqZR_xzF=_-4lm<;&4wKJm9eI0rw<e4gqrr"
    "&<fxW;7?f7g!_|le-f@YK`TKkVJ#A_H(?G5*PAe(4q6@fJ8<@KKl@{x|H2M90O!EJoG-ir2F~AkzA$ih<oWSre-4km@B"
    "z32&Vhf|>xJR`4(I>glNUY#8{l8g1?I4T?lRW#g-^f+*a64DuX!$G-CuYCyaL_;?|@-$uj^gldKb9f1+I62>s??imhl?"
    "+!f+p6>$1W<S>c|na35B<4=db<71nEoYhU3SSGdL%u4{$)uP~nt?%NJ?+hIOC%x8!B?6597tji8_+h_jQy6iBw9q#!K_"
    "k4$YyTkn~Fi)rrI=pvxc#nQzJm;4a-hW^C09*k#z$akj3BU=s5B$16@V?yPeYwN?a)<Zj4)4V;40G!+x0fg3y|}}Bafk"
    "Qf-r(9BTyKNxZLsd}e*MA$7&u?o*x(xBef))2z#HHLFwCLD96HS5buCZ>ba=1-#V_3xbm6`Jg%j{ErvazI{W0)>ffm#T"
    "zxbtP;5~RB@9^H*;k~lM`&x(hpx$9V@E-KS|IT4~Ebos9%j-kRKX6^118xKE1C{|HtPa=)JO{J^{etTtJK}=%-|Ss~R`"
    "HD;Z~#ugKe25vwlTdn=G4ZV+L%+z0k4lvt1n|BFYJH=a032~T_N^`|M^V!i2p5Rd+^aAJRe&4=p5jPshVpwr)sX%0x?w"
    "!trk=*v|1vjYN^$ds-;%@z*MbkwNBMKSDU#h>&!=(Ht^d<{kCbpZPag@_S*)2+o<0*?YE8kZPR|+z;7G%+ot`tQNL~4Z"
    "yWe+qkh}8-!|&EP5W&FzirfSoA%pA{kCbpZ8vVpI`a{x1N?S?8xB~j1McJj*LgzhNxgb%ub$Mar}pXzvpcC*Pwmx{diB"
    "&^J>mLK>eW+w^`u@swO3EL!zcCXsl9qqub$eg=WPu;RqI-<Q?<_3W^T$l^ARQkzZvzLX}=lun`yrp_|2%_O#98K-%R_>"
    "z;8zVX4-E?{bt&427WW@H`9JI>NnGVGw_>HznS)%QNNk?+uakCb>^c?6TC5h4$9LPIyg>uFt$@;yEe8{W4kuCgRz|&+q"
    "JQs8r!w89gOYN*shK3)Yz_#?O<%D#&&INr^a?|YzJdIHMVPGJ2kdzW8YVavd(;zX@WOqWo&20c4_SKY0$?<vlyR9V|*f"
    "w@sTgaN4^-JNMn5Zi}C3%Mv}(3tQf)p!s9bxe-+>Vz(;)zz_D>X<AkexS|0QNN9gvyd_2nW^Y8NW@BZ^|j`2gBd8|M9="
    "ig)d^UPoDBkFbLxSRdDh1+v~UrDonTMXNJ-G*&@zK`uct&YzDJZ*yauxWGzj8ETh?0^Gs0{)F%A$En>6=GM2T_LtWY=P"
    "JUu?1oa#2yfPK<ojr2gDu_TOqbWY=zhgu@zz)#5Ra+5ZfTOLF@^!C&Zo*dqV69u?DdQu?DdQu?DdYu@12gu@12gu>r9G"
    "u>r9Gu>r9Ou?evWu?evWu^nPN#CC}75Zg!W{ur?@?0^Gs0{)3D;K>4>Ea1rko-E+W0-h}3$pW4%;K>4>Ea1sEzFyweq{"
    "GKbhZ`S0H$GhHaPpaCu;I;&4?7#)mxB+}vrB!@;kK~hc6K^!4?g_l!<^ezKJ0v$+^VItosV8G#<xR-kE(#<QTgZ`fU|a"
    "PHRo1yZZ+ptb8a=~R&#DO=T>uWHRo1yZZ+ptb8fY3xIN=iC)w-VlFlvZ+>*{M>D-deE$Q5nPA%!$l1?q@+LBH!>DrPwz"
    "2KG%Zpq-53~tHbmJDvm;Fb(-$>5d@Zpq-53~tHbmW(eg`PX?={nNU^tsC6B!L1wIy1}g*+`2)n8``=-tsC09L9H9wy6D"
    "m5)=h5R<kn4Y-Q?CyZr$Y8O>W)f)=h5R<kn4Y-Q?EIFRhzjTKBK>=pFd9cyfy;w|H`kC%1TVizl~uQj4dycv6d}ws=yD"
    "r?&V9<`(bV;+<Q(bBlLw@y;#Yxy3uTc;^=H+~S>EymO0pZt?!5#ru~Q?_XN{uk+}deWpU^snB^Ube;;Gr$Xnc(0M9!nh"
    "IT~LZ_+Fbt-h43Z19I&G<LV-^_lq`OV-rYu`+Ltzfwg{Bi8K4g7WTA8~(8;LEwx@92*&DgIz<e^9jVCfmNFKfa{UY-aO"
    "-e-4b7q}z+p?Pcip0(495TT<WB`IgAH6uu?zEp6w7rKvh6DNWBgF?C8VN7=wB@=&$E&cYt)e;&V6L3i+t=NF8|yEu(^a"
    "T@R9G~UH&yo=L#7pL(qPUBsi#=AI;cX1l;;xyjHnTF*%;D4VNU!Ip=p4aJlCm*&4AAa&-e(kpMVSWdUT=126O?R0Z?J_"
    "mpWoop`)O44r-PX-{DmYIC=c(X46`ZGn^Hgx23eHo(c`7(h1?Q>YJQbX$!hd&}{`<W6^1S@=y#Al(wLj)}@^E|b;U^#F"
    "_sCX0?0lHqm?>pkr;O8-ah)<wQ^s}5;Pis0Oz@Nmo-)BxCV0vOPnqB;6Fg;tr%dpa37#^+Qzm%I#Fr@(U%t!4mnjoprc"
    "8X9GJl=N=XY`$d+^~WALjScRzA#UV#FF#YK2a%ps5u)wSuNr=+we>OP*TEQ!9CDB~Pv7sg*pnlBZVk)JmRO$x|zNY9&v"
    "t<f)ZkrdEELTKVO>R(_dU`DJS5m#OvFd3=5+pN>8F@RJYodu}Tq<})@j!6^k(r(n_)Or3&BQ!sT3eqf%0ou^>uDcE@mc"
    "AkQrr(owP*m(+eo`RjHVCN~=c?x!(g8j=B>|dr}|1t&pm+yl8%M|QireOav1^+sa&+nuT{7lu(Q?>I{?L1XGPu0#-wbN"
    "AXI#oMO)vi;u(^Ty|Rd0!TOUYX@-qP@vfVb4UCEe6b`>R=Z>(Kqxmiwz0*Zyc6w(lB;?T^M``>t`=zH1z|`zzAzwdnRL"
    "bbI}|z4F{%b8gvk%adD%+;ZcV6}No2Wx|{T)cv#XspDs_YnQXeAwAUOA=U`|`>Z<`>pbe?{}KQ9gygBetnjE|fkzDsJZ"
    "f0rQNsd{8Wwoeu)w2+1s*jl@Tg&dM-2-+YFOY=!vc>Q7I@UKz@vr*9yNU9k0++d=rBT(=kv+v9N>tlnrk(uYOd7+F;xq"
    "#7E~>?S|X-usnwFIrB?gERIO{ZPSrYBo4G0L%tx5!S<?B<Gh=f);9=DR9#%czVbud3Rz2Wh)#C}VPv-jj=n#G~*WX9y0"
    "7p#KT&p=%bFCJLsaj~YplYGj5;0Xvt(H_Rwb}=!YF(>!s@A#M%uQKmKEecF6gc3E0tb9i;D9d*9PmYf1HLG5tkkQk_Uc"
    "N#x@xb&R}qetdUe%aU8z@B?N#`)!?9AYuG*_B_3Em<3SXx<R_fJNdv&E=UA0%&+ZuMN*0oxvYMrai+>~|ZBTO6kZ38!K"
    "uvQz~$qlY^hu9rrcZl5~c86H_0>J@aAUNO)1P6S9;D9d>9PkB#H=gdtp>yP*IdbS6fv+gMF;#P|=2XqKS|Fxsq1A$_g;"
    "q<%R4uhyQnl1-ADF6jt=6ep=V~)IWu5s56ZDS`=n);z2RfkFb3p6$fJ*;>O8<aL|A0#WfJ(nY-BM}YQgz)@Y28wF-BO`"
    "$skCmXx^AhoZmGI%sZh66TDMePw^UlUR9&}Js9P$nTdJ;GDy>_pu3PH!wuYUmb*<K^TIXsrH)Wmq2ouyTZ#;1?+HVW>+"
    "oJsjmC+khHP>oR)m*CuVyYHeEvQ;(wM0zSQmZ9ZORe^Ssan@+ovL-NHgi+fnU63*ty`fItxzXcsNyQrSn!)%8~i5M2EW"
    "O*!EbVH@S9v)h1%ndr)w(O=Y{&bXrDuM^Tt%owVG2k*J^>7s)beysuo%;5mU9)YDv{nt9@Xq*0oxvYMrai+>~|ZBTP`Q"
    "R$8xCU9VPJuU1{JR;X7ityinAS1YYotFBio)T@=&t5w&lmDa0O*Q*uk)k^Ets_WHC>(#33)e7}$rS)pn^=hT{YSr~>J#"
    "O5Tb>_P>o$v+v6TU!y!WZaI_yYY2U!d>T?@jDm8}Ry>ioIOFxv-C4ecz9D!10N4hfkC{e4^ap6Xgz{DF4M5%?>m>Ng6V"
    "G3;wuSWONR2#8l0-no~8`YJr%lg;ooy7FsP4Q?=A;N!3!TePF8AwOXfYovY2<ly&B#OcT5@^PiHr9a-q$IK2#b3|I#od"
    "3T(U1SeSZ1OuJ0yd#tMI>_rt-)aN;fFtYMXtckv0}j9m_#J!EK>9XFt_Id`V9W-#X$4{n#1@Dx5IgFE{T$19j$3Na0mn"
    "+%xB)&!eY}+UcsYu}5aZk!=Z@d(*~f48?Bh3k_8bg3!p85*>^WXp$8Y%T{aU-SjeC0G50jG7TkwZX$><#5h^d-uHK%H>"
    ")dDe93#}GZEwox9rfR9xlB%Uv`@mGKYqd_*I#-*yDeKHfm<sr<P`?%Jw?h3^wBHK&tx&%e?YBbxR<z#=_^nXC745e|{Z"
    "_Q!3iz#1zZLDbLj6{>-wODxP`?%Jw?h3^wBO2&o3hS)gy{gk9n^1!_S-@Ic4)sH;J1VN?a+QZsNW9lw*&lkP`@48ZwK|"
    ";q5XD%-wx`xL;LNZemk_^4)EJS{dQ=-9n^1!_S<permQm`VKVTWQNNk?n^C`+_M3s<jQY*A-;DarwBHQ;X4G${{btl}r"
    "u}B%H=}+t?Kh)-GwnA6zZvzLX}=lun`yt@JwaJ#KEmYSHwQO3td+x^bhyrd*q~kw?bV=O4eix{*#-4#Xs-tKYG|(pTz^"
    "onhW2VuuZH$&z#R_i)zDrI>ebL*joTV_s@Anyr)r(6&D@lA<|9lAeoN}N)P76qx72=1@LN*9rS@A=zoqtDg5Q$*Ew$g0"
    "`YpBJ68x6bZ>jy3)NiT%mf*LfeoO7Qq<%~7xBHb))|rnmb?{pUH*{F54tH|=kYzc?KGKCh=XJ_wrtXIpJ~{_DVyfm^&8"
    "eDewLnbOLaPN;3$2!jsak5aq-v?vJ}_15TCG#H&edja$~yDinQU~pFZ{`E@=u%G4=sFj4sgU&&9$0SHP>o^n5u<V3#t}"
    "cEfG_-)M`o9QmcJns@Anyr)r(6&D@lA<|9nd_cPk}Gu`(y+V?Zv_cQ4G8SVR-?)w?-`<d?h8T9>(_Wexv{fzegO!xf^`"
    "hG_Hey00=M*DuI`+f#}Kcjs=(|tdqeLvHEKihBIly&AKOwji;+V?Zv_cPk}Gu`(y==&M%`<d?h8SVR-?)w?^{fzegO!x"
    "ha_Wexv{S5kkM*DuI`+i3Iey00=27N!HeLvHEKcjs=(|tcHH*U&0^WB+zY&pHL0}j9m_&3%D4Sc+YKMhjg4|f#!vl<2d"
    "=tUWS-=U1Z?@;{OktsQ@X>8<_92YV6bV_am?gL)idZiDtvD4EYqXd3q2ONMC@K5Y>Jfix>4mbcO;NRE=u?=Dy#5Ra+5P"
    "L%G39%={o)CLNtU;_ntU;_ntU;_ptV66rtV66rY(i{8Y(i{8Y(gxo(G%9_32XF(HG0AtE#qbN!XGI_MlW+L>}8dV&H;{"
    "?s<~Eks^(fP5L30#YC+XPt0iKpmRc>TT57cqOx3zp>r}0CwV9i;&U|;Kb-b*;u>%gk3HUem39(OzeM0OLVxJJZK<oms3"
    "&buEyFly;u`9%`5W7O`3b7l+ZV<ac>;|zL#O@HgL+lQ*JH+k~3wgal)~%2eD>!xqKdlGEvMnz%Iu@91d6CgMz!6h5*J@"
    "7HT&o3Qsuo%;s9I>XL`>CEt0h%St@eSbTGwiws&%e5b5qutk1#=<uvY4~s{K}}->UW-R3dAoeyiGVmHMq}zd^0DR_eE^"
    "{Z^^ps`eXHQ){JutJ-gs`mJieLA|zC>bI)>R;k~r_FKJiQ`VV}FhOm(HtM&g{nn`8n)Vx1uWO@zYuay(`mJfdL4CY7>b"
    "Iu-)~Mf__8U~-YomT^+HZ~et!ckOjlVYPx2FBpsNb6QTf1>n)|rnm&Ff89dR}9?x&h7&>fF%I4eH#`&JA#GQ0InrZcyi"
    "jc5Z-kgE}{~bAviJv~vTT8`Qa>og37-p`9Dx+@Q`4?cAWw4ei|feWR>1A7O$|rE5~ZrS@A=zoqsYeC}P7`YpBJlKL&R-"
    "{6z=n$&Np{g%{ksr?3@-PfdkOYOI$eoO5)=nkw&{g&EqN&S}EZ}%&qtTW%82{siPwEP=1<Qufh8#J>UG>99tZyPjM8?-"
    "(fG$xxt1!}YcHC=%ktw2pzpavDF(F)Xb1!}YcHC=%kRG>yHP}3Et(F)Xb1!_=%8m&N0SD;2KP}3Et)!Q0&s@Anyr)r(6"
    "&D@lA<|9l{ff}tqO;?~sD^SxFs6hp4v;s9<ff}tqO;?}>6{yh))N}=Ev;s9<ff`hxMk`R$6{yh))N}=EP=Ok)KuuSmMk"
    "`R$6{xivH)Wmq2orR*4Z7L}U2TJ|wn10hq2_d2bGoiMoz|SLYfgun(`n7=y5@9RbGoiM9coUeHK*&E(`n7=y5@AKIi1#"
    "=u4_)GHK*&E)8n>=ovL-M)~Q<OYBM)wo%sk8)SOOhPS-W3)0)$D&FN5cI;}Zf*PKpkPS-W3L(S>5=5$?iI;}Zf*PISDr"
    "_-9#b<OFt=5$?iI@Fv_YfjfSr_-9#b<OGbE1|42A7O&svp1f&yY^eBe(TzAus`?4RL!-TQ#IFWftad=Rtu^YS}hS%wbW"
    "`!)&5ww4@}j%R_j!)bG4b9vd(;Wrhr|nc*;Lw#LjcX-^ToL9`Xg^FS+Ae?mx~$-9-H59P-OK<hOJ9<2;-nu4VsnuKmlo"
    "_Alq!zn$wJ=e@6kp7C=Gc1{C!P6KvM19naWc1{C!P6KvM19naWc1{C!P6KvM19naWc1{C!P6KvM1NsO7eT0BMLO>rOpp"
    "OvHM+o{vMCd0Xf<6%u`iY2uPDRisB0@hA5%h_O&`(4J^g@C@5fS={h@ekIgnl9-pxYAkiHOioL<D^zBJ>jxQEqG4san@"
    "+ovL-NHgi+fnU65RZhO$(_RzcSL3i6j@3sf*wg=s9553zSbhkb9ZhOFPd(hqX(7WwHciThnwg>FC2i<KCz1tpiw>|W3d"
    "%$jc(B1aXyX`@D+e7cR$8qDPtTP{Bf?j9PUT5fDXV6|}=w4?)uQO<`Gjy*rXs<JLuQQ<68MN0Ky4M-B*BQFk8PMwt+Up"
    "G6>kQiK4BhJt=ye9|b%ySB2JLl*?sZ1JaZ}crk1#>6Gia|fbgwgLuQPP7GoaTQwAUHB*BP|e8M@aQ(CZA^>kQrN4BG1q"
    "-RlhKbq4KqhVFF+?RAFkbq4f0gZ4T@_d0|2Iz#t5qusbE>&!=(;OXBtp14o#x0Cwq)P95Ki{F^4xmI(k=2|TfQ?<})LD"
    "fR5C1R?US}mzsYPAnc)w)*eRIPKhnVYiCe1r*l>tWPyru}BrZ>IeQ-TN@=H`9JI>NnGVgZ+Up>NnGVGwL_feuEu|FzPq"
    "celzMf(|&_Jjxg#s(|$ARH`9K*dxEmge1r+UW$?xmw`;#S^_y$I!S@*6n5wx}bE@WAEf7<+&}u=|LaQZWs+L+Usak5a4"
    "@}j%R_j!)bG4b9vd(;j3HJYj?*E0}{|mbR7kd9MVE-@Z{$J?*zo7enq4)m+_Wy$J|ApTF3%dUodjBtA|1aqNU+De6p!<"
    "KJ_x}R+|AOxSh2H-Qy8jn?|1a+Mjk3;sglWDf^lr@ef!=}ndg+zU*Lb_S<+1u3y?=goc`omx&-EH>+lBTEl?xpgsu#Lq"
    "&w*Y)uDGnr`@Hr2rN3p(xKLi`I@+HXS}t_4^md`Q#`gY^$z{KE_tW0U-m~BR@kaeR+TZu3JRTQ%UTC?{dZFz?@7b5<74"
    "fVWdcWvg&<BhGbHG>Fi(t7XbS+d_u4ydgLg$692`%s2S=MVp*CLnoir6lV%PM8RV#{^3T)Jhy&^3c{X&iQ;YcB0#zRY#"
    "~MaA)F6aPWSg|3;li?3Y^bzZZwfvyGcYc7}JN?b?dx{kaw`o(ftuk>rC{hHNf!qVHdwEf-=V1sicBrF@8PIrJz$fb}oA"
    "(uh{kO_qp3MLd%C;>8|ltRgbQVJntLR|`VCe*3W#LE~bF2?eSW>WSe$@c>b8+)C6JO-*4Y8QGp9WLkt#(+8CPneA`8(}"
    "uWY=qee^AYAF%tx4yFvqa>bYl?2Ac#Q_gCGV$Tm<izhvRwOm*;k&a-l0?dA~dy>w2LpVjJlFl5t!wo9{n+`VTtaEbWT@"
    "_iK;8$Q}cg3%&T($NIR?YgX&>e%bs7{jTNz1NpRn0R"
)


@cache
def sequences() -> frozenset[str]:
    """Every multi-code-point emoji, as strings."""
    text = zlib.decompress(base64.b85decode(_SEQUENCES)).decode("ascii")
    return frozenset("".join(chr(int(cp, 16)) for cp in line.split()) for line in text.splitlines())
