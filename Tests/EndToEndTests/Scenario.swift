/// A small world built in the test: two provinces, a handful of communes, a commune-level override,
/// a tie, a missing value, a commune without a submission, and a file in the wrong province folder.
enum Scenario {
    static let units = """
        unit_code,unit_name,parent_code,level
        14,Tỉnh Sơn La,,province
        12,Tỉnh Lai Châu,,province
        03721,Xã Thuận Châu,14,commune
        03724,Xã Bình Thuận,14,commune
        03727,Xã Mường É,14,commune
        03730,"Xã Long Hẹ, cũ",14,commune
        03549,Xã Phong Thổ,12,commune
        03550,Xã Sì Lở Lầu,12,commune

        """

    static let indicators = """
        indicator_code,domain,name_vi,name_en,unit,direction,weight,aggregation
        TTHC_DUNG_HAN,3,Tỷ lệ hồ sơ giải quyết đúng hạn,Dossiers resolved on time,percent,higher,1,ratio
        HAI_LONG,3,Mức độ hài lòng của người dân,Citizen satisfaction,percent,higher,1,mean
        HS_TRUC_TUYEN,7,Tỷ lệ hồ sơ trực tuyến,Dossiers submitted online,percent,higher,2,ratio
        DN_MOI,8,Số doanh nghiệp thành lập mới,New enterprises,count,higher,1,sum

        """

    static let targets = """
        scope_code,year,indicator_code,target,source
        14,2025,TTHC_DUNG_HAN,100,test plan
        14,2025,HAI_LONG,90,test plan
        14,2025,HS_TRUC_TUYEN,70,test plan
        14,2025,DN_MOI,1,test plan
        03724,2025,HAI_LONG,95,commune plan
        12,2025,TTHC_DUNG_HAN,100,assumed
        12,2025,HAI_LONG,95,assumed
        12,2025,HS_TRUC_TUYEN,60,assumed

        """

    static func submission(_ unit: String, _ period: String, _ rows: [(String, String, String, String)]) -> String {
        "unit_code,period,indicator_code,value,numerator,denominator,note\n"
            + rows.map { "\(unit),\(period),\($0.0),\($0.1),\($0.2),\($0.3),\n" }.joined()
    }

    /// Writes reference data and an inbox with 2025-Q2 and 2025-Q3 into `scratch`.
    static func write(into scratch: Scratch) throws {
        try scratch.write("reference/units.csv", units)
        try scratch.write("reference/indicators.csv", indicators)
        try scratch.write("reference/targets.csv", targets)
        // 2025-Q2: Bình Thuận meets everything (rank 1), Thuận Châu less (rank 2).
        try scratch.write("inbox/2025-Q2/14/03721.csv", submission("03721", "2025-Q2", [
            ("TTHC_DUNG_HAN", "90", "", ""), ("HAI_LONG", "80", "", ""), ("HS_TRUC_TUYEN", "50", "", ""), ("DN_MOI", "1", "", ""),
        ]))
        try scratch.write("inbox/2025-Q2/14/03724.csv", submission("03724", "2025-Q2", [
            ("TTHC_DUNG_HAN", "100", "", ""), ("HAI_LONG", "96", "", ""), ("HS_TRUC_TUYEN", "75", "", ""), ("DN_MOI", "3", "", ""),
        ]))
        // 2025-Q3.
        try scratch.write("inbox/2025-Q3/14/03721.csv", submission("03721", "2025-Q3", [
            ("TTHC_DUNG_HAN", "95", "95", "100"), ("HAI_LONG", "90", "", ""), ("HS_TRUC_TUYEN", "56", "", ""), ("DN_MOI", "2", "", ""),
        ]))
        try scratch.write("inbox/2025-Q3/14/03724.csv", submission("03724", "2025-Q3", [
            ("TTHC_DUNG_HAN", "100", "", ""), ("HAI_LONG", "90.25", "", ""), ("HS_TRUC_TUYEN", "70", "", ""), ("DN_MOI", "", "", ""),
        ]))
        try scratch.write("inbox/2025-Q3/14/muong-e/bao-cao-quy-3.CSV", submission("03727", "2025-Q3", [
            ("TTHC_DUNG_HAN", "100", "", ""), ("HAI_LONG", "\"85,5\"", "", ""), ("HS_TRUC_TUYEN", "56", "", ""), ("DN_MOI", "1", "", ""),
        ]))
        // A Lai Châu commune's numbers dropped into Sơn La's folder: rejected, and Lai Châu unaffected.
        try scratch.write("inbox/2025-Q3/14/wrong-province.csv", submission("03549", "2025-Q3", [
            ("TTHC_DUNG_HAN", "10", "", ""), ("HAI_LONG", "10", "", ""), ("HS_TRUC_TUYEN", "10", "", ""),
        ]))
        try scratch.write("inbox/2025-Q3/14/readme.txt", "not a submission")
        try scratch.write("inbox/2025-Q3/12/03549.csv", submission("03549", "2025-Q3", [
            ("TTHC_DUNG_HAN", "98", "", ""), ("HAI_LONG", "95", "", ""), ("HS_TRUC_TUYEN", "66", "", ""),
        ]))
        try scratch.write("inbox/2025-Q3/12/03550.csv", submission("03550", "2025-Q3", [
            ("TTHC_DUNG_HAN", "", "45", "50"), ("HAI_LONG", "99", "", ""), ("HS_TRUC_TUYEN", "30", "", ""),
        ]))
    }

    static let runArguments = ["run", "--reference", "reference", "--inbox", "inbox", "--warehouse", "wh/warehouse.sqlite",
                               "--reports", "out", "--as-of", "2025-10-10", "--workers", "2"]
}
