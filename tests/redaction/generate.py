import json, random
random.seed(20261205)
pos = []
def P(text, *pii, kind): pos.append({"text": text, "pii": list(pii), "kind": kind})
# --- ID numbers (CCCD 12 digits, CMND 9 digits) in many spellings
ids12 = ["001203004567","0012  0300  4570","0012/0300/4571","001.203.004.568","001-203-004-569","0012 0300 4572","001 203 004 573","0 0 1 2 0 3 0 0 4 5 7 4","034 095 001 234","079/203/004/575","001203 004576","001  203  004  577"]
ids9 = ["123456789","123.456.780","123 456 781","123-456-782","12345 6783","123/456/784","187  654  321"]
id_frames = ["CCCD của tôi là {}", "số căn cước {} bị mất thì làm lại thế nào", "cmnd cu so {} con dung duoc khong", "em tên Lan, cccd {}, muốn hỏi hồ sơ", "căn cước công dân: {} nhé", "mã định danh {} tra cứu ở đâu", "cho tôi hỏi số CMND {} đã hết hạn", "so cccd {} cua me toi"]
for i, n in enumerate(ids12 + ids9):
    for f in random.sample(id_frames, 2):
        P(f.format(n), n, kind="id")
# --- phones
phones = ["0912345678","0912  345  683","0912.345.678","0912-345-679","0912 345 680","0912/345/681","+84912345682","+84 912 345 684","84 912 345 685","(+84) 912 345 686","024 3825 1234","024.3825.1235","0283 822 1236","09 12 34 56 87","0987  654  321","098.765.4322","03 8765 4323","0388-765-432","0 9 1 2 3 4 5 6 8 8","+84-912-345-689"]
phone_frames = ["gọi cho tôi số {} nhé", "sdt {} ạ", "số điện thoại của em là {}", "lien he {} giup toi", "zalo {} nha cán bộ", "máy bàn {} giờ hành chính", "nhắn vào {} khi có kết quả", "sđt:{}"]
for n in phones:
    for f in random.sample(phone_frames, 2):
        P(f.format(n), n, kind="phone")
# --- e-mails
emails = [("nguyen.van.a@gmail.com","nguyen.van.a@gmail.com"),("lan_tran@yahoo.com.vn","lan_tran@yahoo.com.vn"),("hoa99 at gmail dot com","hoa99"),("minh.le at yahoo dot com","minh.le"),("thu (at) gmail (dot) com","thu"),("an [at] outlook [dot] com","an"),("binh a còng gmail chấm com","binh"),("cuong a cong gmail cham com","cuong"),("dung @ gmail . com","dung"),("hai.nguyen@phuongmau.gov.vn","hai.nguyen"),("Mai.Pham@Gmail.Com","Mai.Pham"),("tuan123 AT gmail DOT com","tuan123")]
email_frames = ["email của tôi là {}", "gửi kết quả về {} giúp em", "mail {} ạ", "lien he qua {} nhe", "địa chỉ thư: {}."]
for e, secret in emails:
    for f in random.sample(email_frames, 3):
        P(f.format(e), e, kind="email")
# --- addresses
addrs = [("số 45 Nguyễn Trãi","45 Nguyễn Trãi"),("16 đường lê lợi","lê lợi"),("17 duong le loi","le loi"),("123/4 Nguyễn Trãi","123/4"),("thôn Đông Hạ, xã Yên Sở","Đông Hạ"),("tổ 5 khu phố 3","tổ 5"),("số nhà 12 ngõ 34 phố Huế","phố Huế"),("ngách 5 ngõ 102 Trường Chinh","ngách 5"),("hẻm 27 Lý Thường Kiệt","hẻm 27"),("xóm 3 thôn Trung","xóm 3"),("ấp Bình Hòa, xã Tân Phú","Bình Hòa"),("so nha 8 ngo 15 pho hue","ngo 15"),("45 Đường Lê Lợi","Lê Lợi"),("12A Phan Chu Trinh","12A Phan Chu Trinh"),("thon dong ha xa yen so","dong ha"),("to 7 khu pho 2","to 7"),("kiệt 45 Hùng Vương","kiệt 45"),("số 9 ngõ 3 phố Hàng Bông","Hàng Bông"),("nhà số 21 đường Trần Phú","Trần Phú"),("88/12 Lê Văn Sỹ","88/12"),("xóm Mới, xã Yên Sở","xóm Mới"),("ấp 3 xã An Phú","ấp 3"),("tổ dân phố 4","tổ dân phố 4"),("khu phố 6, phường Mẫu","khu phố 6"),("hem 34 nguyen van cu","hem 34"),("so 45 Nguyen Trai","45 Nguyen Trai"),("số 7 đường số 3","đường số 3"),("205 Lạc Long Quân","205 Lạc Long Quân"),("ngõ 12 phố Huế","ngõ 12"),("thôn 2 xã Đông Hạ","thôn 2"),("18  đường  Lê Lợi","Lê Lợi"),("số 3 hẻm 5 Nguyễn Văn Cừ","hẻm 5")]
addr_frames = ["nhà tôi ở {} muốn đăng ký tạm trú", "tôi ở {}, xin giấy xác nhận cư trú", "dia chi {} lam so do o dau", "gửi hồ sơ về {} được không", "em đang sống tại {}", "chuyển hộ khẩu từ {} sang phường khác"]
for a, secret in addrs:
    for f in random.sample(addr_frames, 3):
        P(f.format(a), secret, kind="address")
neg = [
 "lệ phí đăng ký khai sinh là 50.000 đồng phải không", "phí cấp đổi GPLX 135.000 đồng nộp ở đâu", "lệ phí trước bạ 2% hay 1.500.000 đồng", "hạn nộp hồ sơ 15/8/2026 có kịp không",
 "mã thủ tục 1.001193 là gì", "thủ tục 1.000894 cần giấy tờ gì", "Thông tư 117/2026/TT-BTC quy định phí gì", "theo Nghị định 63/2024/NĐ-CP thì sao", "điền mẫu CT01 như thế nào", "giải quyết trong 30 ngày làm việc đúng không",
 "Quyết định 1234/QĐ-UBND ngày 12/3/2025", "Luật Cư trú 2020 có hiệu lực từ 01/7/2021", "trẻ dưới 6 tuổi được miễn phí không", "làm giấy khai sinh cần giấy tờ gì", "lam giay khai sinh can giay to gi", "đăng ký kết hôn nộp ở đâu",
 "UBND xã Yên Sở làm việc mấy giờ", "phường 2 có nhận hồ sơ thứ 7 không", "đường Lê Lợi có điểm tiếp nhận không", "số điện thoại đường dây nóng của phường là gì", "số hồ sơ của tôi tra cứu thế nào", "tổ chức đăng ký hộ kinh doanh cần gì",
 "xin cấp lại căn cước khi bị mất", "lệ phí 2.000.000 đồng có được trả góp không", "nộp 1.200.000đ qua ngân hàng được không", "mức phạt 500.000 - 1.000.000 đồng", "thời hạn 5 ngày làm việc kể từ ngày nhận đủ hồ sơ", "năm 2026 có thay đổi gì không",
 "giờ làm việc 7h30 - 11h30", "điều 5 luật hộ tịch nói gì", "khoản 2 điều 12 Nghị định 123/2015/NĐ-CP", "cấp bản sao trích lục 8.000 đồng một bản", "mẫu TK1-TS dùng khi nào", "mã hồ sơ 000.00.00.H12-260815-0001 tra cứu ở đâu",
 "tôi sinh năm 1985 có phải đổi căn cước không", "con tôi 14 tuổi làm căn cước được không", "tra cứu kết quả trên cổng dịch vụ công", "dịch vụ công mức độ 4 là gì", "thu phí 10% giá trị hợp đồng", "diện tích 120 m2 có tách thửa được không",
 "nhà 3 tầng xin phép xây dựng cần gì", "đất 100m2 ở nông thôn chuyển mục đích sử dụng", "phí thẩm định 1.500.000 đồng/hồ sơ", "hạn chót 31/12/2026", "từ ngày 1/1/2025 đến 30/6/2025", "ngày 15-8-2026 có làm việc không",
 "2 bản sao có chứng thực", "nộp online qua VNeID được không", "quen mat khau vneid", "le phi doi bang lai xe bao nhieu", "so do lan dau can gi", "dang ky tam tru o dau",
 "cấp giấy phép lái xe hạng B2", "bảo hiểm y tế hộ gia đình 1.263.600 đồng", "giảm 30% cho người thứ hai", "trợ cấp 360.000 đồng/tháng", "đóng 4,5% lương cơ sở", "lương cơ sở 2.340.000 đồng",
 "xe máy dưới 50cc có cần bằng không", "hồ sơ gồm 01 tờ khai và 02 ảnh 4x6", "ảnh 3x4 nền trắng", "phiếu lý lịch tư pháp số 2", "mẫu số 03 ban hành kèm thông tư", "biểu mẫu TP/HT-2026-TKKS",
 "hỏi về thủ tục nhận con nuôi", "khai tử cho ông nội", "xin xác nhận tình trạng hôn nhân", "chứng thực chữ ký bao nhiêu tiền", "chứng thực bản sao 2.000 đồng/trang", "từ trang thứ 3 trở lên 1.000 đồng/trang",
 "tối đa 200.000 đồng một bản", "nộp tại bộ phận một cửa tầng 1", "phòng số 5 tầng 2 trụ sở", "quầy số 3", "đợi khoảng 15 phút", "kết quả trả sau 3 ngày",
 "giấy hẹn ghi ngày 20/8", "hồ sơ nộp ngày 10/08/2026", "tôi nộp từ tháng 7 năm 2026 chưa có kết quả", "có phải chờ 45 ngày không", "thời gian giải quyết 10 - 15 ngày", "bao nhiêu tuổi thì được làm căn cước",
 "khu vực 1 và khu vực 2 lệ phí khác nhau không", "vùng 3 phí bao nhiêu", "mức 1 mức 2 khác gì", "phụ lục I kèm theo", "Điều 17 Luật Căn cước 2023", "Nghị định 70/2024/NĐ-CP hướng dẫn gì",
 "Thông tư 17/2024/TT-BCA", "Quyết định 06/QĐ-TTg về đề án 06", "mã QR trên căn cước", "gọi tổng đài 1022 được không", "đường dây nóng 1900 1234 có miễn phí không", "số 1 trong danh sách là gì",
 "top 10 thủ tục hay hỏi", "lần 2 nộp lại có mất phí không", "đợt 1 năm 2026", "kỳ 3 tháng", "12 tháng tuổi tiêm phòng", "trẻ 24 tháng",
 "xin giấy phép kinh doanh karaoke", "hộ kinh doanh nộp thuế 1,5%", "doanh thu dưới 100 triệu", "phạt 5 triệu nếu chậm", "vốn 10 tỷ đồng", "chi phí khoảng 3-5 triệu",
 "tôi muốn gặp cán bộ", "cảm ơn nhiều", "xin chào", "bạn là ai", "thời tiết hôm nay thế nào", "giá vàng hôm nay bao nhiêu",
 "mất ví có giấy tờ thì báo ở đâu", "làm lại bằng lái bị mất", "đổi tên cho con", "sửa ngày sinh trên giấy khai sinh", "bổ sung hộ tịch", "cải chính năm sinh 1990 thành 1991",
 "đăng ký xe máy mới mua", "sang tên xe cũ", "rút hồ sơ gốc xe", "biển số 5 số", "xe đăng ký năm 2015", "đổi biển vàng",
 "đăng ký thường trú cho con", "tách hộ khẩu", "xóa đăng ký thường trú", "tạm vắng 6 tháng", "lưu trú 1 đêm", "khai báo tạm trú cho người thuê trọ",
 "cấp sổ đỏ lần đầu", "tách thửa tối thiểu 40m2", "chuyển nhượng đất nông nghiệp", "thuế thu nhập cá nhân 2%", "lệ phí trước bạ nhà đất 0,5%", "đo đạc lại diện tích",
 "xây nhà cấp 4 có cần giấy phép không", "sửa chữa nhà không thay đổi kết cấu", "cơi nới thêm 1 tầng", "giấy phép có thời hạn 12 tháng", "chiều cao tối đa 5 tầng", "lộ giới 13m",
 "trợ cấp người cao tuổi từ 80 tuổi", "người khuyết tật nặng nhận bao nhiêu", "hộ nghèo được hỗ trợ gì", "hỗ trợ tiền điện 50.000 đồng", "mai táng phí 7.200.000 đồng", "chế độ thai sản 6 tháng",
 "đăng ký khai sinh quá hạn 60 ngày", "khai sinh cho con sinh ở nước ngoài", "nhận cha mẹ con", "đăng ký giám hộ", "ly hôn thuận tình nộp ở đâu", "trích lục kết hôn bản 2",
 "lam cccd cho con 14 tuoi", "cap doi cccd het han 25 tuoi", "doi cccd luc 40 tuoi", "mat cccd lam lai mat bao lau", "phi cap lai cccd 70.000 dong", "cap moi 30.000 dong",
 "hồ sơ trực tuyến giảm 50% lệ phí", "thanh toán qua cổng 0% phí", "chuyển khoản phí 1.100 đồng", "Trung tâm phục vụ hành chính công tỉnh", "Bộ phận Một cửa phường Mẫu", "bưu điện trả kết quả tận nhà",
 "giấy xác nhận cư trú mẫu CT07", "tờ khai CT01 ghi sai sửa thế nào", "mẫu HK02 còn dùng không", "tờ khai TK01 hộ chiếu", "hộ chiếu phổ thông 200.000 đồng", "hộ chiếu gắn chíp 2026",
 "tôi ở phường 2 muốn hỏi", "nhà ở đường Lê Lợi có thuộc phường này không", "xã Yên Sở thuộc quận nào", "thôn nào thuộc xã Đông Hạ", "ngõ nhỏ xe cứu hỏa không vào được", "hẻm cụt có được cấp số nhà không",
 "xin cấp số nhà mới", "số nhà bị trùng thì làm sao", "đổi số nhà có phải làm lại giấy tờ không", "tổ trưởng dân phố xác nhận được không", "khu phố có quyền xác nhận cư trú không", "trưởng thôn ký giấy gì",
 "đơn giá 15.000 đồng/m2", "diện tích 45,5 m2", "chiều dài 12,5m", "tỷ lệ 1/500", "bản đồ địa chính tờ số 12 thửa số 345", "thửa đất số 88 tờ bản đồ số 7",
 "năm 2024 và 2025", "giai đoạn 2021-2025", "kế hoạch 2026-2030", "quý 3/2026", "tháng 8/2026", "tuần 32",
]
# More ordinary variants: unaccented lower-case copies of a sample.
import unicodedata
def strip(s):
    s = s.replace("đ","d").replace("Đ","D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")
neg_all = neg + [strip(x).lower() for x in random.sample(neg, 40)]
with open("corpus.jsonl","w",encoding="utf-8") as f:
    for p in pos: f.write(json.dumps(p, ensure_ascii=False)+"\n")
    for n in neg_all: f.write(json.dumps({"text": n, "pii": [], "kind": "ordinary"}, ensure_ascii=False)+"\n")
print(len(pos), len(neg_all))
